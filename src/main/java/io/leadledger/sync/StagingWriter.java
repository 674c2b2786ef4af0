package io.leadledger.sync;

import io.leadledger.jobs.SourceDefinition;
import io.leadledger.warehouse.RunAuditRepository;
import io.leadledger.warehouse.RunAuditRepository.AuditRow;
import io.leadledger.warehouse.StagingRepository;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.StepExecutionListener;
import org.springframework.batch.item.Chunk;
import org.springframework.batch.item.ExecutionContext;
import org.springframework.batch.item.ItemWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;

/**
 * Writes a chunk: loaded rows to staging, rejected rows to quarantine, and the counts to the step
 * context - all in the chunk's transaction, so counts and rows can never disagree, even after a crash.
 * When the step ends it writes the file's line of the run audit.
 */
class StagingWriter implements ItemWriter<StagedBatch>, StepExecutionListener {

    private final String tenant;
    private final SourceDefinition source;
    private final Path file;
    private final StagingRepository staging;
    private final RunAuditRepository audit;
    private StepExecution step;
    private long writeNanos;

    StagingWriter(String tenant, SourceDefinition source, Path file, StagingRepository staging, RunAuditRepository audit) {
        this.tenant = tenant;
        this.source = source;
        this.file = file;
        this.staging = staging;
        this.audit = audit;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.step = stepExecution;
    }

    @Override
    public void write(Chunk<? extends StagedBatch> chunk) {
        long runId = step.getJobExecutionId();
        ExecutionContext ctx = step.getExecutionContext();
        for (StagedBatch b : chunk) {
            long t0 = System.nanoTime();
            staging.write(b.loaded());
            writeNanos += System.nanoTime() - t0;
            staging.quarantine(tenant, source.name(), runId, b.rejected());
            add(ctx, "rows.read", b.read());
            add(ctx, "rows.loaded", b.loaded().size());
            add(ctx, "rows.quarantined", b.rejected().size());
            add(ctx, "rows.duplicate", b.duplicates());
            // Spring Batch counts items, here batches: make the step's own counts rows, as history shows them
            step.setReadCount(step.getReadCount() + b.read() - 1);
            step.setWriteCount(step.getWriteCount() + b.loaded().size() - 1);
        }
    }

    private static void add(ExecutionContext ctx, String key, long n) {
        ctx.putLong(key, ctx.getLong(key, 0L) + n);
    }

    /** Time spent staging rows in the database. */
    long writeNanos() {
        return writeNanos;
    }

    @Override
    public ExitStatus afterStep(StepExecution s) {
        ExecutionContext ctx = s.getExecutionContext();
        String hash = ctx.containsKey("file.hash") ? ctx.getString("file.hash") : "-";
        boolean failed = !s.getFailureExceptions().isEmpty();
        String status = failed ? "failed" : ctx.getString("file.status", "loaded");
        String message = failed ? rootMessage(s.getFailureExceptions().get(0)) : null;
        audit.record(new AuditRow(s.getJobExecutionId(), tenant, source.name(), source.kind().label(), file.toString(),
                hash, status, ctx.getLong("rows.read", 0L), ctx.getLong("rows.loaded", 0L),
                ctx.getLong("rows.quarantined", 0L), ctx.getLong("rows.duplicate", 0L), message,
                s.getStartTime() == null ? LocalDateTime.now() : s.getStartTime(), LocalDateTime.now()));
        if (!failed && "loaded".equals(status)) {
            long size;
            try {
                size = Files.size(file);
            } catch (java.io.IOException e) {
                size = -1;
            }
            audit.markLoaded(tenant, source.name(), hash, file.toString(), size, s.getJobExecutionId(),
                    ctx.getString("file.header", null));
        }
        return s.getExitStatus();
    }

    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
        return t == c || t.getMessage() == null ? m : (t.getMessage().contains(m) ? t.getMessage() : m);
    }
}
