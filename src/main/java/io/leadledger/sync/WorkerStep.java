package io.leadledger.sync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.nio.file.Path;
import java.time.LocalDateTime;

/**
 * A step `leadledger worker` runs for a manager: found by its name (the request's step name), it builds the real
 * step of one partition from what the partition's ExecutionContext says and runs it. A partition that cannot even be
 * set up here is recorded FAILED with the reason (Batch's StepExecutionRequestHandler would leave it waiting), so
 * the manager sees it at once.
 */
public abstract class WorkerStep implements Step {

    private static final Logger log = LoggerFactory.getLogger(WorkerStep.class);

    /** Keys of a partition's ExecutionContext ({@link #locate}): its tenant, that tenant's jobs/, the manager's directory. */
    public static final String TENANT = "tenant";
    static final String JOBS = "jobs";
    static final String CWD = "cwd";

    private final JobRepository jobRepository;
    private final Heartbeats heartbeats;

    protected WorkerStep(JobRepository jobRepository, Heartbeats heartbeats) {
        this.jobRepository = jobRepository;
        this.heartbeats = heartbeats;
    }

    /** The step that runs this partition; throws (with a message for the operator) when it cannot be built here. */
    protected abstract Step stepFor(StepExecution partition);

    @Override
    public final void execute(StepExecution partition) throws JobInterruptedException {
        Step step;
        try {
            step = stepFor(partition);
        } catch (RuntimeException e) {
            log.error("{}: {}", partition.getStepName(), e.getMessage());
            partition.setStartTime(LocalDateTime.now());
            partition.setStatus(BatchStatus.FAILED);
            partition.setExitStatus(ExitStatus.FAILED.addExitDescription(e.getMessage()));
            partition.addFailureException(e);
            partition.setEndTime(LocalDateTime.now());
            jobRepository.update(partition);
            return;
        }
        log.info("{}: run {}, partition {}", partition.getStepName(), partition.getJobExecutionId(), partition.getId());
        try (Heartbeats.Beating beating = heartbeats.start(partition.getId(), partition.getExecutionContext().getString(TENANT, ""))) {
            step.execute(partition);
        }
        log.info("{}: {}", partition.getStepName(), partition.getStatus());
    }

    /** What a manager writes into a partition's context so that a worker on another machine can find its tenant. */
    public static void locate(ExecutionContext ctx, String tenant, Path jobs) {
        ctx.putString(TENANT, tenant);
        ctx.putString(JOBS, jobs.toAbsolutePath().normalize().toString());
        ctx.putString(CWD, Path.of("").toAbsolutePath().toString());
    }

    /** The tenant's jobs/ the partition names, loaded here, and checked to be the tenant it is for. */
    protected static io.leadledger.jobs.Workspace workspace(ExecutionContext ctx) {
        String tenant = ctx.getString(TENANT);
        if (!ctx.containsKey(JOBS)) {
            throw new IllegalStateException("the partition does not name its jobs/ directory (started by an older "
                    + "release?): run it with leadledger.partitioning=local");
        }
        Path dir = Path.of(ctx.getString(JOBS));
        io.leadledger.jobs.Workspace ws = io.leadledger.jobs.Workspace.load(dir);
        if (!ws.tenant().id().equals(tenant)) {
            throw new IllegalStateException(dir + " is tenant '" + ws.tenant().id() + "' on this worker, the manager sent "
                    + "a partition of tenant '" + tenant + "': the worker must see the manager's jobs/ at the same path");
        }
        return ws;
    }

    /**
     * A path the manager gave relative to its working directory means the same file here only in the same directory.
     */
    protected static void requireSameDirectory(ExecutionContext ctx, Path path, String what) {
        if (path.isAbsolute()) {
            return;
        }
        String managerDir = ctx.getString(CWD, "");
        String here = Path.of("").toAbsolutePath().toString();
        if (!managerDir.equals(here)) {
            throw new IllegalStateException(what + " " + path + " is relative to the manager's directory " + managerDir
                    + "; this worker runs in " + here + ": start the worker in the same directory (on the shared path) or "
                    + "give absolute paths");
        }
    }
}
