package io.leadledger.ops;

import io.leadledger.deliver.OpsAlerts;
import io.leadledger.deliver.ReportMailer;
import io.leadledger.jobs.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

import java.util.concurrent.Callable;

/**
 * What surrounds every run, whoever starts it (CLI, cron, the daemon): the job's lock, so one run of a
 * job per tenant at a time; runs left behind by a killed process marked FAILED; afterwards an alert
 * when the run failed, and a retry of e-mails an SMTP outage left pending.
 */
@Component
public class RunGuard {

    private static final Logger log = LoggerFactory.getLogger(RunGuard.class);

    private final JobLocks locks;
    private final AbandonedRuns abandoned;
    private final OpsAlerts alerts;
    private final ReportMailer mailer;
    private final io.leadledger.warehouse.CountAuditRepository countAudit;

    public RunGuard(JobLocks locks, AbandonedRuns abandoned, OpsAlerts alerts, ReportMailer mailer,
                    io.leadledger.warehouse.CountAuditRepository countAudit) {
        this.countAudit = countAudit;
        this.locks = locks;
        this.abandoned = abandoned;
        this.alerts = alerts;
        this.mailer = mailer;
    }

    public JobExecution launch(Workspace ws, String job, Callable<JobExecution> run) throws Exception {
        String tenant = ws.tenant().id();
        JobExecution e = locks.callExclusive(tenant, job, () -> {
            abandoned.markFailed(tenant, job);
            return run.call();
        });
        try {
            alerts.runFailed(ws, e);
        } catch (RuntimeException ex) {
            log.error("alert for run {} failed: {}", e.getId(), ex.toString());
        }
        if (job.equals(ws.sync().job())) {
            try {
                alerts.countsDiffer(ws, e, countAudit.forRun(tenant, e.getId()));
            } catch (RuntimeException ex) {
                log.error("count audit alert for run {} failed: {}", e.getId(), ex.toString());
            }
        }
        try {
            int n = mailer.retryDue(ws);
            if (n > 0) {
                log.info("{} pending deliveries sent", n);
            }
        } catch (RuntimeException ex) {
            log.warn("retrying pending deliveries failed: {}", ex.toString());
        }
        return e;
    }

    /** Releases the job's lock whoever holds it; logged, since it is for a holder known to be dead. */
    public void breakLock(Workspace ws, String job) {
        if (locks.breakLock(ws.tenant().id(), job)) {
            log.warn("lock of {} for tenant {} broken on request (--force)", job, ws.tenant().id());
        }
    }
}
