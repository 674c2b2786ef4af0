package io.leadledger.jobs;

/** A mistake in the jobs/ configuration, with a message that names the file and setting. */
public class JobsConfigException extends RuntimeException {
    public JobsConfigException(String message) {
        super(message);
    }

    public JobsConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
