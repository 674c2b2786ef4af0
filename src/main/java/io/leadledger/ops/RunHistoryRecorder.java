package io.leadledger.ops;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Comparator;

/**
 * Keeps {@code run_history}, the launch history that {@link LaunchHistory}, {@link RunHistory} and the
 * freshness gate read with one indexed query: a STARTED row when a run begins, its final status when it
 * ends, and the FAILED status {@link AbandonedRuns} gives a run whose process was killed. Registered on
 * every job {@link PipelineRunner} launches.
 */
@Component
public class RunHistoryRecorder implements JobExecutionListener {

    /** Batch's own limit for an exit message (BATCH_JOB_EXECUTION.EXIT_MESSAGE). */
    private static final int MESSAGE_LENGTH = 2500;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public RunHistoryRecorder(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        record(execution);
    }

    @Override
    public void afterJob(JobExecution execution) {
        record(execution);
    }

    /** Writes the run as it is now (insert or update: a run killed before its first write has no row yet). */
    public void record(JobExecution e) {
        JobParameters p = e.getJobParameters();
        String status = e.getStatus().name();
        String exitCode = cut(e.getExitStatus().getExitCode());
        String message = cut(e.getExitStatus().getExitDescription());
        String failedStep = failedStep(e);
        Timestamp start = ts(e.getStartTime() != null ? e.getStartTime()
                : e.getStatus().isRunning() ? LocalDateTime.now(clock) : null);
        Timestamp end = e.getStatus().isRunning() ? null : ts(e.getEndTime());
        int updated = jdbc.update("""
                UPDATE run_history SET status = ?, exit_code = ?, exit_message = ?, failed_step = ?, start_time = ?,
                  end_time = ? WHERE run_id = ?""", status, exitCode, message, failedStep, start, end, e.getId());
        if (updated == 0) {
            jdbc.update("""
                    INSERT INTO run_history (run_id, job_instance_id, tenant, job_name, status, exit_code, exit_message,
                      failed_step, start_time, end_time, scheduled_for, report_month, deliver)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    e.getId(), e.getJobInstance().getInstanceId(), p.getString("tenant"), e.getJobInstance().getJobName(),
                    status, exitCode, message, failedStep, start, end, p.getString("scheduledFor"), p.getString("month"),
                    "true".equals(p.getString("deliver")));
        }
    }

    /** The step the run failed in: the last one started that did not complete. */
    private static String failedStep(JobExecution e) {
        return e.getStepExecutions().stream()
                .filter(s -> s.getStatus() == BatchStatus.FAILED || s.getStatus() == BatchStatus.UNKNOWN
                        || s.getStatus() == BatchStatus.ABANDONED)
                .max(Comparator.comparing(StepExecution::getId))
                .map(StepExecution::getStepName).orElse(null);
    }

    private static Timestamp ts(LocalDateTime t) {
        return t == null ? null : Timestamp.valueOf(t);
    }

    private static String cut(String s) {
        return s == null || s.length() <= MESSAGE_LENGTH ? s : s.substring(0, MESSAGE_LENGTH);
    }
}
