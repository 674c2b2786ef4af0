package io.leadledger.reconcile;

/** An amount that cannot be converted because no rate was published on or before its date. */
public class MissingFxRateException extends RuntimeException {
    public MissingFxRateException(String message) {
        super(message);
    }
}
