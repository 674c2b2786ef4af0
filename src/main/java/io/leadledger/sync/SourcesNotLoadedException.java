package io.leadledger.sync;

/** A run whose sources were reconciled, but one or more of them could not be loaded in it. */
public class SourcesNotLoadedException extends RuntimeException {
    public SourcesNotLoadedException(String message) {
        super(message);
    }
}
