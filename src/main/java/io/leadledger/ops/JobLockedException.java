package io.leadledger.ops;

/** A run was not started because another process holds the job's lock (exit code 1: nothing ran). */
public class JobLockedException extends RuntimeException {

    private final String holder;

    public JobLockedException(String message, String holder) {
        super(message);
        this.holder = holder;
    }

    /** Who holds the lock and until when, as stored in the shedlock table. */
    public String holder() {
        return holder;
    }
}
