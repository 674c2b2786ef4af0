package io.leadledger.sync;

import io.leadledger.jobs.SourceDefinition;
import io.leadledger.warehouse.RunAuditRepository;
import io.leadledger.warehouse.RunAuditRepository.AuditRow;
import io.leadledger.warehouse.StagingRepository;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.core.listener.SkipListener;
import io.leadledger.extract.ParsedRow;
import io.leadledger.extract.RowRejectedException;
import io.leadledger.extract.UnheldCells;
import io.leadledger.warehouse.PreparedRows;

import io.leadledger.extract.Header;
import io.leadledger.extract.ImportLimits;
import io.leadledger.extract.RawRecord;
import io.leadledger.extract.RecordSource;
import io.leadledger.extract.RecordSources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.nio.file.Path;
import java.time.LocalDateTime;

/**
 * The chunk step's writer: stages a chunk of parsed rows (LOAD DATA or batched upserts, see StagingRepository)
 * in the chunk's transaction. As the step's skip listener it writes each rejected row to quarantine, in the same
 * transaction, so rows, quarantine and the counts the reader saves can never disagree, even after a crash. When
 * the step ends it writes the file's line of the run audit from those counts.
 */
class StagingWriter implements ItemWriter<ParsedRow>, StepExecutionListener, SkipListener<ParsedRow, ParsedRow> {

    private static final Logger log = LoggerFactory.getLogger(StagingWriter.class);

    private final String tenant;
    private final SourceDefinition source;
    private final Path file;
    private final String mappingKey;
    private final StagingRepository staging;
    private final RunAuditRepository audit;
    private final RowProcessor processor;
    private final io.leadledger.warehouse.WatermarkRepository watermarks;
    /** The file, or the API object, as the audit names it. */
    private final String location;
    private StepExecution step;
    private UnheldCells unheld;
    private java.util.concurrent.ExecutorService encoder;
    /** Rows encoded and staged at a time within a chunk. */
    private static final int SLICE = 2_500;
    private long encodeNanos;
    private long writeNanos;

    StagingWriter(String tenant, SourceDefinition source, Path file, String mappingKey, StagingRepository staging,
                  RunAuditRepository audit, RowProcessor processor) {
        this(tenant, source, file, mappingKey, staging, audit, processor, null);
    }

    /** For an API source: {@code file} null; the watermark is saved when every page is committed. */
    StagingWriter(String tenant, SourceDefinition source, Path file, String mappingKey, StagingRepository staging,
                  RunAuditRepository audit, RowProcessor processor, io.leadledger.warehouse.WatermarkRepository watermarks) {
        this.watermarks = watermarks;
        this.location = file != null ? file.toString() : source.api().location();
        this.processor = processor;
        this.tenant = tenant;
        this.source = source;
        this.file = file;
        this.mappingKey = mappingKey;
        this.staging = staging;
        this.audit = audit;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.step = stepExecution;
    }

    @Override
    public void write(Chunk<? extends ParsedRow> chunk) throws Exception {
        dropEarlierVersion(step.getExecutionContext());
        if (chunk.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<ParsedRow> rows = (List<ParsedRow>) chunk.getItems();
        if (unheld == null) {
            unheld = new UnheldCells(source.mapping(), rows.get(0).raw().header());
        }
        // the chunk is staged in slices, each encoded on the encoder's thread while the one before goes to the
        // database: in the chunk's transaction still, as the overlap the hand-made import had
        if (encoder == null) {
            encoder = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "encode-" + source.name());
                t.setDaemon(true);
                return t;
            });
        }
        java.util.concurrent.Future<PreparedRows> next = encoder.submit(() -> prepare(rows, 0));
        try {
            for (int from = 0; from < rows.size(); from += SLICE) {
                long t0 = System.nanoTime();
                PreparedRows slice = next.get();
                long t1 = System.nanoTime();
                int following = from + SLICE;
                next = following < rows.size() ? encoder.submit(() -> prepare(rows, following)) : null;
                staging.write(slice);
                encodeNanos += t1 - t0;
                writeNanos += System.nanoTime() - t1;
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        } finally {
            if (next != null) {
                next.cancel(true);
            }
        }
    }

    private PreparedRows prepare(List<ParsedRow> rows, int from) {
        return staging.prepare(tenant, source.name(), source.kind(), step.getJobExecutionId(),
                rows.subList(from, Math.min(rows.size(), from + SLICE)), unheld);
    }

    /** A rejected row (Batch's skip in the processor): to quarantine, naming file, row and field. */
    @Override
    public void onSkipInProcess(ParsedRow item, Throwable t) {
        staging.quarantine(tenant, source.name(), step.getJobExecutionId(),
                List.of(ParsedRow.rejected(item.raw(), (RowRejectedException) t)));
    }

    /**
     * stagingFollowsFiles: a new version of a file replaces what its earlier version staged, in the transaction
     * of its first chunk, so a row the file no longer has is gone (and a restart, past that chunk, keeps the rest).
     */
    private void dropEarlierVersion(ExecutionContext ctx) {
        if (source.stagingFollowsFiles() && ctx.containsKey(SourceFileReader.FRESH) && !ctx.containsKey(CLEARED)) {
            int n = staging.dropFileRows(tenant, source.name(), source.kind(), location);
            ctx.putLong(CLEARED, n);
        }
    }

    static final String CLEARED = "file.cleared";

    /** Time the writer waited for rows encoded for staging. */
    long encodeNanos() {
        return encodeNanos;
    }

    /** Time spent staging rows in the database. */
    long writeNanos() {
        return writeNanos;
    }

    /**
     * The file's audit line from the counts the reader saved with the last committed chunk (Batch's read, write,
     * skip and filter counts, over every attempt at this file): read = loaded + quarantined + duplicates.
     */
    @Override
    public ExitStatus afterStep(StepExecution s) {
        if (encoder != null) {
            encoder.shutdownNow();
            encoder = null;
        }
        // a failed write reaches the step wrapped by the fault-tolerant chunk's retry: the cause is what happened
        List<Throwable> failures = s.getFailureExceptions();
        for (int i = 0; i < failures.size(); i++) {
            if (failures.get(i) instanceof org.springframework.retry.ExhaustedRetryException e && e.getCause() != null) {
                failures.set(i, e.getCause());
            }
        }
        ExecutionContext ctx = s.getExecutionContext();
        String hash = ctx.containsKey(SourceFileReader.HASH) ? ctx.getString(SourceFileReader.HASH) : "-";
        boolean failed = !s.getFailureExceptions().isEmpty();
        String status = failed ? "failed" : ctx.getString("file.status", "loaded");
        if (!failed && "loaded".equals(status)) {
            dropEarlierVersion(ctx); // a version without data rows
        }
        String message = failed ? rootMessage(s.getFailureExceptions().get(0))
                : processor == null || processor.conflictCount() == 0 ? null : conflicts();
        audit.record(new AuditRow(s.getJobExecutionId(), tenant, source.name(), source.kind().label(), location,
                hash, status, ctx.getLong(SourceFileReader.READ, 0L), ctx.getLong(SourceFileReader.LOADED, 0L),
                ctx.getLong(SourceFileReader.QUARANTINED, 0L), ctx.getLong(SourceFileReader.DUPLICATE, 0L), message,
                s.getStartTime() == null ? s.getCreateTime() : s.getStartTime(), // Batch's own (real) times, as the step's
                s.getLastUpdated() == null ? s.getCreateTime() : s.getLastUpdated()));
        if (!failed && source.isApi()) {
            watermarks.save(tenant, source.name(), ApiSourceReader.until(ctx), s.getJobExecutionId());
        } else if (!failed && "loaded".equals(status)) {
            long size;
            try {
                size = Files.size(file);
            } catch (java.io.IOException e) {
                size = -1;
            }
            audit.markLoaded(tenant, source.name(), hash, mappingKey, file.toString(), size, s.getJobExecutionId(),
                    ctx.getString("file.header", null));
        }
        return s.getExitStatus();
    }

    /**
     * "2 ids repeated with different values (the first row is kept): id 'L7' rows 3 and 9 differ in Email,
     * Company; ...". The differing columns come from reading the first rows again: a file with conflicts is
     * rare, and holding every row's cells to compare would cost memory on every import.
     */
    private String conflicts() {
        List<RowProcessor.Conflict> listed = processor.conflicts();
        Set<Long> wanted = new HashSet<>();
        listed.forEach(c -> wanted.add(c.firstRow()));
        Map<Long, String[]> firstRows = new HashMap<>();
        Header header = null;
        try (RecordSource records = file == null ? null : RecordSources.open(source, file)) {
            if (records == null) {
                throw new IllegalStateException("an API source: the first rows are not read again");
            }
            header = records.header();
            for (RawRecord r; firstRows.size() < wanted.size() && (r = records.next()) != null; ) {
                if (wanted.contains(r.rowNum())) {
                    firstRows.put(r.rowNum(), r.cells());
                }
            }
        } catch (RuntimeException e) {
            log.debug("{}: could not read the rows again to name the differing columns", location, e);
        }
        StringBuilder b = new StringBuilder().append(processor.conflictCount())
                .append(processor.conflictCount() == 1 ? " id repeated" : " ids repeated")
                .append(" with different values (the first row is kept): ");
        for (int i = 0; i < listed.size(); i++) {
            RowProcessor.Conflict c = listed.get(i);
            b.append(i == 0 ? "" : "; ");
            if (source.kind() != io.leadledger.jobs.SourceKind.SPEND) {
                b.append("id '").append(ImportLimits.cut(c.key(), 60)).append("' ");
            }
            b.append("rows ").append(c.firstRow()).append(" and ").append(c.row());
            String[] first = firstRows.get(c.firstRow());
            if (first != null && header != null) {
                List<String> differ = new ArrayList<>();
                for (int col = 0; col < Math.max(first.length, c.cells().length); col++) {
                    String a = col < first.length ? first[col] : null;
                    String d = col < c.cells().length ? c.cells()[col] : null;
                    if (!Objects.equals(blankToNull(a), blankToNull(d))) {
                        differ.add(col < header.names().size() && !header.names().get(col).isEmpty()
                                ? header.names().get(col) : "column " + (col + 1));
                    }
                }
                b.append(" differ in ").append(String.join(", ", differ));
            }
        }
        if (processor.conflictCount() > listed.size()) {
            b.append("; and ").append(processor.conflictCount() - listed.size()).append(" more");
        }
        log.warn("{} {}: {}", source.name(), location, b);
        return b.toString();
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }

    static String rootMessage(Throwable t) {
        for (Throwable x = t; x != null; x = x.getCause() == x ? null : x.getCause()) {
            if (x instanceof io.leadledger.extract.SourceFormatException || x instanceof io.leadledger.jobs.JobsConfigException) {
                return x.getMessage(); // written for people: file and what is wrong, in one sentence
            }
        }
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
        return t == c || t.getMessage() == null ? m : (t.getMessage().contains(m) ? t.getMessage() : m);
    }
}
