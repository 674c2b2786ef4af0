package io.leadledger.extract.api;

/**
 * A call to a tool's API failed. {@code retryable}: worth trying again (429, 5xx, a timeout, a cut-off answer);
 * otherwise the run fails at once with this message (a wrong token, a missing scope, a bad request).
 * Messages never hold a token.
 */
public class ApiException extends RuntimeException {

    private final boolean retryable;
    private final long retryAfterMillis;

    public ApiException(String message, boolean retryable) {
        this(message, retryable, -1, null);
    }

    public ApiException(String message, boolean retryable, long retryAfterMillis, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfterMillis = retryAfterMillis;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The wait the server asked for (Retry-After), or -1. */
    public long retryAfterMillis() {
        return retryAfterMillis;
    }
}
