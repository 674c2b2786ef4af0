package io.leadledger.ops;

import io.leadledger.jobs.Workspace;
import io.leadledger.report.ReportService;
import io.leadledger.sync.SyncJobFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

/**
 * Launches the jobs defined in jobs/ through Spring Batch, so every run is in the job repository
 * (history, restart) whether started by the CLI, cron or the daemon.
 */
@Component
public class PipelineRunner {

    private final JobLauncher launcher;
    private final JobExplorer explorer;
    private final JobRepository jobRepository;
    private final PlatformTransactionManager tx;
    private final SyncJobFactory syncJobs;
    private final ReportService reports;

    public PipelineRunner(JobLauncher launcher, JobExplorer explorer, JobRepository jobRepository,
                          PlatformTransactionManager tx, SyncJobFactory syncJobs, ReportService reports) {
        this.launcher = launcher;
        this.explorer = explorer;
        this.jobRepository = jobRepository;
        this.tx = tx;
        this.syncJobs = syncJobs;
        this.reports = reports;
    }

    public JobExecution runSync(Workspace ws) throws Exception {
        return launcher.run(syncJobs.build(ws), params(ws).toJobParameters());
    }

    /** The monthly reports for {@code month} (default: the last full month in the tenant's zone). */
    public JobExecution runReports(Workspace ws, YearMonth month, Path outDir, List<String> formats) throws Exception {
        ZoneId zone = ws.tenant().zone();
        YearMonth m = month != null ? month : YearMonth.now(zone).minusMonths(1);
        Job job = new JobBuilder(ws.reports().job(), jobRepository)
                .start(new StepBuilder("render", jobRepository).tasklet((contribution, ctx) -> {
                    reports.generate(ws, m, outDir, formats);
                    return RepeatStatus.FINISHED;
                }, tx).build()).build();
        return launcher.run(job, params(ws).addString("month", m.toString()).toJobParameters());
    }

    public JobExecution run(Workspace ws, String jobName) throws Exception {
        if (jobName.equals(ws.sync().job())) {
            return runSync(ws);
        }
        if (jobName.equals(ws.reports().job())) {
            return runReports(ws, null, Path.of(ws.reports().outDir()), ws.reports().formats());
        }
        throw new IllegalArgumentException("unknown job '" + jobName + "': jobs/ defines '" + ws.sync().job()
                + "' and '" + ws.reports().job() + "'");
    }

    /** Restart a failed or stopped sync run with its own parameters: completed file steps are not redone. */
    public JobExecution restart(Workspace ws, long runId) throws Exception {
        JobExecution previous = explorer.getJobExecution(runId);
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
        JobParameters p = previous.getJobParameters();
        return launcher.run(syncJobs.build(ws), p);
    }

    private static JobParametersBuilder params(Workspace ws) {
        return new JobParametersBuilder()
                .addString("tenant", ws.tenant().id())
                .addLocalDateTime("launchedAt", LocalDateTime.now());
    }
}
