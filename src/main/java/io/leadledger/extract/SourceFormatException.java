package io.leadledger.extract;

/** A file that is not what its mapping says (unreadable, missing required columns). Fails the source. */
public class SourceFormatException extends RuntimeException {
    public SourceFormatException(String message) {
        super(message);
    }

    public SourceFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
