package io.leadledger.cli;

import io.leadledger.warehouse.RunAuditRepository;
import io.leadledger.warehouse.RunAuditRepository.AuditRow;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;

import java.io.PrintWriter;

/** How a finished run is reported on the terminal, and the exit code it maps to. */
@Component
public class Console {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Console.class);

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private final RunAuditRepository audit;

    public Console(RunAuditRepository audit) {
        this.audit = audit;
    }

    int report(JobExecution e, PrintWriter out, PrintWriter err) {
        long id = e.getId();
        var rows = audit.forRun(id);
        if (!rows.isEmpty()) {
            out.printf("%-26s %-44s %-10s %9s %9s %11s %10s%n", "source", "file", "status", "read", "loaded",
                    "quarantined", "duplicates");
            for (AuditRow a : rows) {
                out.printf("%-26s %-44s %-10s %9d %9d %11d %10d%n", a.source(), shorten(a.file(), 44), a.status(),
                        a.read(), a.loaded(), a.quarantined(), a.duplicates());
            }
        }
        // whether the reconcile rebuilt the tables or kept them (nothing they are built from changed)
        String reconciled = io.leadledger.sync.SyncJobFactory.reconcileDid(e);
        if (reconciled != null) {
            out.println("reconcile: " + reconciled);
        }
        if (e.getStatus() == BatchStatus.COMPLETED) {
            out.printf("run %d (%s) completed%n", id, e.getJobInstance().getJobName());
            return OK;
        }
        // one line: what failed, where, and the next step; the traces go to the log at DEBUG
        StringBuilder line = new StringBuilder("run " + id + " (" + e.getJobInstance().getJobName() + ") " + e.getStatus());
        for (StepExecution s : e.getStepExecutions()) {
            for (Throwable t : s.getFailureExceptions()) {
                line.append(": step ").append(s.getStepName()).append(" failed: ").append(message(t));
                log.debug("run {} step {} failed", id, s.getStepName(), t);
            }
        }
        for (Throwable t : e.getFailureExceptions()) {
            if (e.getStepExecutions().stream().noneMatch(s -> s.getFailureExceptions().contains(t))) {
                line.append(": ").append(message(t));
            }
            log.debug("run {} failed", id, t);
        }
        line.append("; fix the cause, then: leadledger restart ").append(id);
        err.println(Failures.oneLine(line.toString()));
        return FAILED;
    }

    static String message(Throwable t) {
        // the exception's own words and, where it does not already say it, what went wrong at the bottom
        String m = String.valueOf(t.getMessage());
        String root = NestedExceptionUtils.getMostSpecificCause(t).getMessage();
        return root == null || m.contains(root) ? m : m + ": " + root;
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : "…" + s.substring(s.length() - max + 1);
    }
}
