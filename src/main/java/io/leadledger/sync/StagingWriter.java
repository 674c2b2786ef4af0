package io.leadledger.sync;

import io.leadledger.extract.ParsedRow;
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
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a chunk: loaded rows to staging, rejected rows to quarantine, and the counts to the step
 * context - all in the chunk's transaction, so counts and rows can never disagree, even after a crash.
 * When the step ends it writes the file's line of the run audit.
 */
class StagingWriter implements ItemWriter<ParsedRow>, StepExecutionListener {

    private final String tenant;
    private final SourceDefinition source;
    private final Path file;
    private final StagingRepository staging;
    private final RunAuditRepository audit;
    private StepExecution step;

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
    public void write(Chunk<? extends ParsedRow> chunk) {
        List<ParsedRow> loaded = new ArrayList<>();
        List<ParsedRow> rejected = new ArrayList<>();
        long duplicates = 0;
        for (ParsedRow r : chunk) {
            if (r.isRejected()) {
                rejected.add(r);
            } else if (r.isDuplicate()) {
                duplicates++;
            } else {
                loaded.add(r);
            }
        }
        long runId = step.getJobExecutionId();
        staging.upsert(tenant, source.name(), source.kind(), runId, loaded);
        staging.quarantine(tenant, source.name(), runId, rejected);
        ExecutionContext ctx = step.getExecutionContext();
        add(ctx, "rows.read", chunk.size());
        add(ctx, "rows.loaded", loaded.size());
        add(ctx, "rows.quarantined", rejected.size());
        add(ctx, "rows.duplicate", duplicates);
    }

    private static void add(ExecutionContext ctx, String key, long n) {
        ctx.putLong(key, ctx.getLong(key, 0L) + n);
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
