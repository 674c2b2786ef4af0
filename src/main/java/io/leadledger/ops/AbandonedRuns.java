package io.leadledger.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs whose process died (kill -9, power loss) stay STARTED in the job repository, and Spring Batch
 * refuses to restart them. Called only while holding the job's lock: every live run of a job holds
 * that lock, so a run still marked as running then has no process behind it. It is marked FAILED,
 * which makes it restartable with its completed steps kept.
 */
@Component
public class AbandonedRuns {

    private static final Logger log = LoggerFactory.getLogger(AbandonedRuns.class);

    private final JobExplorer explorer;
    private final JobRepository repository;

    public AbandonedRuns(JobExplorer explorer, JobRepository repository) {
        this.explorer = explorer;
        this.repository = repository;
    }

    /** Marks the tenant's runs of {@code job} still marked as running FAILED; returns their ids. */
    public List<Long> markFailed(String tenant, String job) {
        List<Long> ids = new ArrayList<>();
        List<JobExecution> running = new ArrayList<>(explorer.findRunningJobExecutions(job));
        running.sort(Comparator.comparing(JobExecution::getId));
        for (JobExecution e : running) {
            if (!tenant.equals(e.getJobParameters().getString("tenant"))) {
                continue;
            }
            LocalDateTime now = LocalDateTime.now();
            String why = "abandoned: its process ended without finishing the run (killed or crashed); marked FAILED so "
                    + "it can be restarted";
            for (StepExecution s : e.getStepExecutions()) {
                if (s.getStatus().isRunning()) {
                    s.setStatus(BatchStatus.FAILED);
                    s.setExitStatus(ExitStatus.FAILED.addExitDescription(why));
                    s.setEndTime(now);
                    repository.update(s);
                }
            }
            e.setStatus(BatchStatus.FAILED);
            e.setExitStatus(ExitStatus.FAILED.addExitDescription(why));
            e.setEndTime(now);
            repository.update(e);
            log.warn("run {} ({}) was still marked {} with no process holding its lock: marked FAILED", e.getId(), job,
                    "running");
            ids.add(e.getId());
        }
        return ids;
    }
}
