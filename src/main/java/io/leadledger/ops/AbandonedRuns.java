package io.leadledger.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs whose process died (kill -9, power loss) stay STARTED in the job repository, and Spring Batch
 * refuses to restart them. Called only while holding the job's lock: every live run of a job holds
 * that lock, so a run still marked as running then has no process behind it. Batch's own
 * {@link JobOperator#recover} marks it and its running steps FAILED, which makes it restartable with its
 * completed steps kept; the exit message says why, for {@code leadledger history}, and run_history gets it.
 */
@Component
public class AbandonedRuns {

    private static final Logger log = LoggerFactory.getLogger(AbandonedRuns.class);
    static final String WHY = "abandoned: its process ended without finishing the run (killed or crashed); marked FAILED "
            + "so it can be restarted";

    private final JobRepository repository;
    private final JobOperator operator;
    private final RunHistoryRecorder history;

    public AbandonedRuns(JobRepository repository, JobOperator operator, RunHistoryRecorder history) {
        this.repository = repository;
        this.operator = operator;
        this.history = history;
    }

    /** Marks the tenant's runs of {@code job} still marked as running FAILED; returns their ids. */
    public List<Long> markFailed(String tenant, String job) {
        List<Long> ids = new ArrayList<>();
        List<JobExecution> running = new ArrayList<>(repository.findRunningJobExecutions(job));
        running.sort(Comparator.comparing(JobExecution::getId));
        for (JobExecution e : running) {
            if (!tenant.equals(e.getJobParameters().getString("tenant"))) {
                continue;
            }
            // recover() sets the status and end time and saves what it is given: the exit status is ours
            for (StepExecution s : e.getStepExecutions()) {
                if (s.getStatus().isRunning()) {
                    s.setExitStatus(ExitStatus.FAILED.addExitDescription(WHY));
                }
            }
            e.setExitStatus(ExitStatus.FAILED.addExitDescription(WHY));
            // its listener never saw the end of the run: run_history gets the FAILED status from here
            history.record(operator.recover(e));
            log.warn("run {} ({}) was still marked {} with no process holding its lock: marked FAILED", e.getId(), job,
                    "running");
            ids.add(e.getId());
        }
        return ids;
    }
}
