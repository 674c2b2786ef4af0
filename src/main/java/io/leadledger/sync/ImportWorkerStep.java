package io.leadledger.sync;

import io.leadledger.jobs.SourceDefinition;
import io.leadledger.jobs.Workspace;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.nio.file.Path;

/**
 * The worker's import step: one partition of a tenant's import. The partition's ExecutionContext says which tenant,
 * source and file (the manager's partitioner wrote it); the worker reads that tenant's jobs/ from the shared path it
 * names and runs the same chunk step as the manager would ({@link SyncJobFactory#partitionStep}).
 */
class ImportWorkerStep extends WorkerStep {

    private final SyncJobFactory factory;

    ImportWorkerStep(SyncJobFactory factory, JobRepository jobRepository, Heartbeats heartbeats) {
        super(jobRepository, heartbeats);
        this.factory = factory;
    }

    @Override
    public String getName() {
        return SyncJobFactory.IMPORT;
    }

    @Override
    protected Step stepFor(StepExecution partition) {
        ExecutionContext ctx = partition.getExecutionContext();
        Workspace ws = workspace(ctx);
        String name = ctx.getString(ImportPartitioner.SOURCE);
        SourceDefinition source = ws.sync().sources().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("source '" + name + "' is not in " + ws.dir()
                        + "/nightly-sync.yml on this worker"));
        Path file = ctx.containsKey(ImportPartitioner.FILE) ? Path.of(ctx.getString(ImportPartitioner.FILE)) : null;
        if (file != null) {
            // the manager resolved the pattern relative to its working directory; the staged rows keep that name
            requireSameDirectory(ctx, file, "source '" + name + "' file");
        }
        ImportTarget t = new ImportTarget(source, file, ctx.getInt(ImportPartitioner.ORDER, 0));
        if (!(SyncJobFactory.IMPORT + ":" + t.partitionName()).equals(partition.getStepName())) {
            throw new IllegalStateException("the partition is " + partition.getStepName() + " but " + ws.dir()
                    + " on this worker makes it import:" + t.partitionName());
        }
        return factory.partitionStep(ws, t);
    }
}
