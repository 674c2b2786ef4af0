package io.leadledger.ops;

import io.leadledger.deliver.ReportMailer;
import io.leadledger.jobs.Workspace;
import io.leadledger.report.ReportService;
import io.leadledger.sync.SyncJobFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.Set;

/**
 * Launches the jobs defined in jobs/ through Spring Batch, so every run is in the job repository
 * (history, restart) whether started by the CLI, cron or the daemon.
 */
@Component
public class PipelineRunner {

    /** Key in the "deliver" step's context: how many e-mails the run left pending (SMTP down). */
    public static final String PENDING_DELIVERIES = "pendingDeliveries";

    private final JobOperator operator;
    private final JobRepository jobRepository;
    private final PlatformTransactionManager tx;
    private final SyncJobFactory syncJobs;
    private final ReportService reports;
    private final RunGuard guard;
    private final ReportMailer mailer;
    private final ReportTemporaries temporaries;
    private final RunHistoryRecorder history;
    private final Clock clock;
    private final io.leadledger.sync.RemotePartitioning remote;
    private final RenderWorkerStep remoteRender;

    public PipelineRunner(JobOperator operator, JobRepository jobRepository,
                          PlatformTransactionManager tx, SyncJobFactory syncJobs, ReportService reports, RunGuard guard,
                          ReportMailer mailer, ReportTemporaries temporaries, RunHistoryRecorder history, Clock clock,
                          io.leadledger.sync.RemotePartitioning remote, RenderWorkerStep remoteRender) {
        this.remote = remote;
        this.remoteRender = remoteRender;
        this.operator = operator;
        this.jobRepository = jobRepository;
        this.tx = tx;
        this.syncJobs = syncJobs;
        this.reports = reports;
        this.guard = guard;
        this.mailer = mailer;
        this.temporaries = temporaries;
        this.history = history;
        this.clock = clock;
    }

    public JobExecution runSync(Workspace ws) throws Exception {
        return runSync(ws, null);
    }

    /** @param scheduledFor the cron slot a daemon run is for (null when started by hand or by cron) */
    public JobExecution runSync(Workspace ws, Instant scheduledFor) throws Exception {
        return runSync(ws, scheduledFor, false);
    }

    /** @param full rebuild every reconciled table even when nothing it is built from changed */
    public JobExecution runSync(Workspace ws, Instant scheduledFor, boolean full) throws Exception {
        JobParametersBuilder p = params(ws);
        if (scheduledFor != null) {
            p.addString("scheduledFor", scheduledFor.toString());
        }
        if (full) {
            p.addString(io.leadledger.sync.SyncJobFactory.FULL, "true");
        }
        return guard.launch(ws, ws.sync().job(), () -> operator.start(syncJob(ws), p.toJobParameters()));
    }

    /** The monthly reports for {@code month} (default: the last full month in the tenant's zone), as files only. */
    public JobExecution runReports(Workspace ws, YearMonth month, Path outDir, List<String> formats) throws Exception {
        YearMonth m = month != null ? month : lastFullMonth(ws);
        return guard.launch(ws, ws.reports().job(), () -> {
            Job job = new JobBuilder(ws.reports().job(), jobRepository).listener(history)
                    .start(renderStep(ws, m, outDir, formats)).build();
            return operator.start(job, params(ws).addString("month", m.toString()).toJobParameters());
        });
    }

    /**
     * The monthly job: render the reports, then deliver them to the distribution list (step "deliver"),
     * once per recipient unless {@code resend}, and only when the freshness gate passes.
     */
    public JobExecution runMonthly(Workspace ws, YearMonth month, boolean resend, Instant scheduledFor) throws Exception {
        YearMonth m = month != null ? month : lastFullMonth(ws);
        Path outDir = Path.of(ws.reports().outDir());
        Set<String> formats = new LinkedHashSet<>(ws.reports().formats());
        if (!ws.reports().recipients().isEmpty()) {
            formats.add("pdf"); // the e-mail carries the PDFs whatever the configured formats
        }
        if (ws.delivery().attachXlsx()) {
            formats.add("xlsx");
        }
        Tasklet deliver = (contribution, ctx) -> {
            long run = ctx.getStepContext().getStepExecution().getJobExecutionId();
            ReportMailer.Outcome o = mailer.deliver(ws, m, run, resend);
            ctx.getStepContext().getStepExecution().getExecutionContext().putString("delivery", o.summary());
            ctx.getStepContext().getStepExecution().getExecutionContext().putInt(PENDING_DELIVERIES, o.pending());
            contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(o.summary()));
            return RepeatStatus.FINISHED;
        };
        JobParametersBuilder p = params(ws).addString("month", m.toString()).addString("deliver", "true")
                .addString("resend", Boolean.toString(resend));
        if (scheduledFor != null) {
            p.addString("scheduledFor", scheduledFor.toString());
        }
        return guard.launch(ws, ws.reports().job(), () -> {
            Job job = new JobBuilder(ws.reports().job(), jobRepository).listener(history)
                    .start(renderStep(ws, m, outDir, List.copyOf(formats)))
                    // no transaction around sending: each delivery_log write must commit before and after its e-mail
                    .next(new StepBuilder("deliver", jobRepository).tasklet(deliver, new ResourcelessTransactionManager()).build())
                    .build();
            return operator.start(job, p.toJobParameters());
        });
    }

    public JobExecution run(Workspace ws, String jobName) throws Exception {
        return run(ws, jobName, null, false);
    }

    /** A job of jobs/ by name; {@code month} and {@code resend} apply to the monthly reports. */
    public JobExecution run(Workspace ws, String jobName, YearMonth month, boolean resend) throws Exception {
        return run(ws, jobName, month, resend, false);
    }

    /** As above; {@code full} applies to the sync: a full rebuild of the reconciled tables. */
    public JobExecution run(Workspace ws, String jobName, YearMonth month, boolean resend, boolean full) throws Exception {
        if (jobName.equals(ws.sync().job())) {
            return runSync(ws, null, full);
        }
        if (jobName.equals(ws.reports().job())) {
            return runMonthly(ws, month, resend, null);
        }
        throw new IllegalArgumentException("unknown job '" + jobName + "': jobs/ defines '" + ws.sync().job()
                + "' and '" + ws.reports().job() + "'");
    }

    /** Restart a failed or stopped sync run with its own parameters: completed file steps are not redone. */
    public JobExecution restart(Workspace ws, long runId) throws Exception {
        return restart(ws, runId, false);
    }

    /**
     * As {@link #restart(Workspace, long)}; a run still marked running whose process was killed is found
     * abandoned (nobody holds its job's lock), marked FAILED and restarted. {@code force} first breaks the
     * lock, for when its holder is known to be gone but its lease has not lapsed yet.
     */
    public JobExecution restart(Workspace ws, long runId, boolean force) throws Exception {
        JobExecution previous;
        try {
            previous = jobRepository.getJobExecution(runId);
        } catch (org.springframework.dao.EmptyResultDataAccessException none) {
            previous = null; // Batch 6's JDBC repository throws for an id it does not have
        }
        if (previous == null) {
            throw new IllegalArgumentException("no run " + runId);
        }
        if (previous.getStatus() == BatchStatus.COMPLETED) {
            throw new IllegalStateException("run " + runId + " completed; nothing to restart");
        }
        String name = previous.getJobInstance().getJobName();
        if (!name.equals(ws.sync().job())) {
            throw new IllegalArgumentException("run " + runId + " is a '" + name + "' run; only sync runs restart");
        }
        if (!ws.tenant().id().equals(previous.getJobParameters().getString("tenant"))) {
            throw new IllegalArgumentException("run " + runId + " belongs to tenant '" + previous.getJobParameters().getString("tenant")
                    + "', not to '" + ws.tenant().id() + "' of " + ws.dir());
        }
        if (force) {
            guard.breakLock(ws, name);
        }
        JobParameters p = previous.getJobParameters();
        try {
            return guard.launch(ws, name, () -> operator.start(syncJob(ws), p));
        } catch (JobLockedException e) {
            throw new JobLockedException("run " + runId + " cannot be restarted: " + name + " is running (" + e.holder()
                    + "). A killed process of this host gives its lock up at once; one on another host lapses within "
                    + JobLocks.LEASE.toMinutes() + " minutes; if that process is known to be gone, use 'leadledger restart "
                    + runId + " --force'", e.holder());
        }
    }

    /** The sync job of jobs/, with its runs kept in run_history like every job launched here. */
    private Job syncJob(Workspace ws) {
        Job job = syncJobs.build(ws);
        if (!(job instanceof AbstractJob j)) {
            throw new IllegalStateException("the sync job is a " + job.getClass().getName() + ": no listener can record its runs");
        }
        j.registerJobExecutionListener(history);
        return j;
    }

    /** The last full month before today in the tenant's zone: the month the monthly reports are for by default. */
    public YearMonth lastFullMonth(Workspace ws) {
        return YearMonth.from(asOf(ws)).minusMonths(1);
    }

    /** The tenant's day now: written into every run's parameters at launch (restarts keep their run's). */
    private LocalDate asOf(Workspace ws) {
        return LocalDate.now(clock.withZone(ws.tenant().zone()));
    }

    private Step renderStep(Workspace ws, YearMonth m, Path outDir, List<String> formats) {
        if (remote.remote()) {
            // a partition per report, rendered by the workers into the same directory
            return remoteRender.managerStep(ws, m, outDir, formats, new org.springframework.batch.core.listener.StepExecutionListener() {
                @Override
                public void beforeStep(org.springframework.batch.core.step.StepExecution s) {
                    temporaries.clean(outDir.resolve(ws.tenant().id()), s.getStartTime());
                }
            });
        }
        return new StepBuilder("render", jobRepository).tasklet((contribution, ctx) -> {
            temporaries.clean(outDir.resolve(ws.tenant().id()), ctx.getStepContext().getStepExecution().getStartTime());
            reports.generate(ws, m, outDir, formats);
            return RepeatStatus.FINISHED;
            // rendering reads the marts with queries of its own and writes files: holding a database transaction
            // (and a pooled connection) open for the whole render would only block others
        }, new ResourcelessTransactionManager()).build();
    }

    private JobParametersBuilder params(Workspace ws) {
        return new JobParametersBuilder()
                .addString("tenant", ws.tenant().id())
                .addLocalDate(SyncJobFactory.AS_OF, asOf(ws))
                // a new job instance per launch: the day is asOf, the launch only needs to be unique
                .addString("launch", UUID.randomUUID().toString());
    }
}
