package io.leadledger.sync;

import io.leadledger.jobs.SourceDefinition;
import io.leadledger.jobs.Workspace;
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
 * The worker's step: one partition of a tenant's import, sent by the manager. The partition's ExecutionContext says
 * which tenant, source and file (the manager's partitioner wrote it); the worker reads that tenant's jobs/ from the
 * shared path it names and runs the same chunk step as the manager would ({@link SyncJobFactory#partitionStep}).
 * A partition that cannot even be set up here is recorded FAILED with the reason, so the manager sees it at once.
 */
class ImportWorkerStep implements Step {

    private static final Logger log = LoggerFactory.getLogger(ImportWorkerStep.class);

    private final SyncJobFactory factory;
    private final JobRepository jobRepository;

    ImportWorkerStep(SyncJobFactory factory, JobRepository jobRepository) {
        this.factory = factory;
        this.jobRepository = jobRepository;
    }

    @Override
    public String getName() {
        return SyncJobFactory.IMPORT;
    }

    @Override
    public void execute(StepExecution partition) throws JobInterruptedException {
        Step step;
        try {
            step = factory.partitionStep(workspace(partition.getExecutionContext()), target(partition));
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
        step.execute(partition);
        log.info("{}: {}", partition.getStepName(), partition.getStatus());
    }

    private Workspace workspace(ExecutionContext ctx) {
        if (!ctx.containsKey(ImportPartitioner.JOBS)) {
            throw new IllegalStateException("the partition does not name its jobs/ directory (started by an older "
                    + "release?): run it with leadledger.partitioning=local");
        }
        Path dir = Path.of(ctx.getString(ImportPartitioner.JOBS));
        Workspace ws = Workspace.load(dir);
        String tenant = ctx.getString(ImportPartitioner.TENANT);
        if (!ws.tenant().id().equals(tenant)) {
            throw new IllegalStateException(dir + " is tenant '" + ws.tenant().id() + "' on this worker, the manager sent "
                    + "a partition of tenant '" + tenant + "': the worker must see the manager's jobs/ at the same path");
        }
        return ws;
    }

    private ImportTarget target(StepExecution partition) {
        ExecutionContext ctx = partition.getExecutionContext();
        Workspace ws = workspace(ctx);
        String name = ctx.getString(ImportPartitioner.SOURCE);
        SourceDefinition source = ws.sync().sources().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("source '" + name + "' is not in " + ws.dir()
                        + "/nightly-sync.yml on this worker"));
        Path file = ctx.containsKey(ImportPartitioner.FILE) ? Path.of(ctx.getString(ImportPartitioner.FILE)) : null;
        if (file != null && !file.isAbsolute()) {
            // the manager resolved the pattern relative to its working directory; the staged rows keep that name
            String managerDir = ctx.getString(ImportPartitioner.CWD, "");
            String here = Path.of("").toAbsolutePath().toString();
            if (!managerDir.equals(here)) {
                throw new IllegalStateException("source '" + name + "' file " + file + " is relative to the manager's "
                        + "directory " + managerDir + "; this worker runs in " + here + ": start the worker in the same "
                        + "directory (on the shared path) or give absolute paths in nightly-sync.yml");
            }
        }
        ImportTarget t = new ImportTarget(source, file, ctx.getInt(ImportPartitioner.ORDER, 0));
        if (!(SyncJobFactory.IMPORT + ":" + t.partitionName()).equals(partition.getStepName())) {
            throw new IllegalStateException("the partition is " + partition.getStepName() + " but " + ws.dir()
                    + " on this worker makes it import:" + t.partitionName());
        }
        return t;
    }
}
