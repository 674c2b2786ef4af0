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
class StagingWriter implements ItemWriter<ParsedRow>, StepExecutionListener, SkipListener<ParsedRow, ParsedRow>,
        org.springframework.batch.core.listener.ItemProcessListener<ParsedRow, ParsedRow>,
        org.springframework.batch.core.listener.ChunkListener<ParsedRow, ParsedRow> {

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
    /** Rows staged at a time: a slice goes to the database while the step reads and processes the next rows. */
    static final int SLICE = 5_000;
    /** Encodes slices for their staging table, and stages them on the chunk's connection, in order, while the step
     * thread goes on: two threads, so the database is not kept waiting while the next slice is encoded. */
    private java.util.concurrent.ExecutorService encoder;
    private java.util.concurrent.ExecutorService stager;
    /** The chunk transaction's connection while slices of the chunk are being staged on it; null between chunks. */
    private java.sql.Connection chunkConnection;
    private List<ParsedRow> slice = new ArrayList<>();
    /** Rows of this chunk handed to the stager so far, and the last of them (to check the chunk is what was staged). */
    private int submitted;
    private ParsedRow lastSubmitted;
    private final List<java.util.concurrent.Future<?>> inFlight = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicLong stageNanos = new java.util.concurrent.atomic.AtomicLong();
    private long waitNanos;

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

    /**
     * Each row the processor passes is collected into a slice; a full slice is encoded and staged on the stager
     * thread, on this chunk's own connection and so in its transaction, while the step reads and processes the next
     * rows. The hand-made part of the import that stays: Batch's chunk loop runs read, process and write one after
     * the other on one thread, and this keeps the database busy through the read and process phases (a chunk still
     * commits or rolls back whole; a restart resumes after the last committed chunk).
     */
    @Override
    public void afterProcess(ParsedRow item, ParsedRow result) {
        if (result == null) {
            return; // a duplicate
        }
        if (chunkConnection == null) {
            beginChunk(result);
        }
        slice.add(result);
        if (slice.size() >= SLICE) {
            submitSlice();
        }
    }

    /** The first row of a chunk to stage: in the chunk's transaction, on the step thread. */
    private void beginChunk(ParsedRow first) {
        dropEarlierVersion(step.getExecutionContext());
        if (unheld == null) {
            unheld = new UnheldCells(source.mapping(), first.raw().header());
        }
        if (stager == null) {
            encoder = thread("encode-");
            stager = thread("stage-");
        }
        chunkConnection = staging.transactionConnection();
    }

    private java.util.concurrent.ExecutorService thread(String prefix) {
        return java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, prefix + source.name());
            t.setDaemon(true);
            return t;
        });
    }

    private void submitSlice() {
        List<ParsedRow> rows = slice;
        slice = new ArrayList<>(SLICE);
        if (rows.isEmpty()) {
            return;
        }
        submitted += rows.size();
        lastSubmitted = rows.get(rows.size() - 1);
        java.sql.Connection con = chunkConnection;
        long runId = step.getJobExecutionId();
        java.util.concurrent.Future<PreparedRows> encoded = encoder.submit(
                () -> staging.prepare(tenant, source.name(), source.kind(), runId, rows, unheld));
        inFlight.add(stager.submit(() -> {
            PreparedRows prepared = encoded.get();
            long t0 = System.nanoTime();
            staging.write(prepared, con);
            stageNanos.addAndGet(System.nanoTime() - t0);
            return null;
        }));
    }

    @Override
    public void write(Chunk<? extends ParsedRow> chunk) throws Exception {
        @SuppressWarnings("unchecked")
        List<ParsedRow> rows = (List<ParsedRow>) chunk.getItems();
        if (chunkConnection == null) {
            // nothing staged ahead (a chunk of duplicates only, or rows that did not pass afterProcess)
            dropEarlierVersion(step.getExecutionContext());
            if (rows.isEmpty()) {
                return;
            }
            beginChunk(rows.get(0));
            slice.addAll(rows);
        } else if (rows.size() < submitted + slice.size() || (submitted > 0 && rows.get(submitted - 1) != lastSubmitted)) {
            throw new IllegalStateException("the chunk to write is not the rows staged ahead for it");
        } else {
            // rows processed after the last full slice, and any the listener did not see
            slice = new ArrayList<>(rows.subList(submitted, rows.size()));
        }
        try {
            List<ParsedRow> rest = slice;
            for (int from = 0; from < rest.size(); from += SLICE) {
                slice = new ArrayList<>(rest.subList(from, Math.min(rest.size(), from + SLICE)));
                submitSlice();
            }
            long t0 = System.nanoTime();
            awaitStaged();
            waitNanos += System.nanoTime() - t0;
        } finally {
            endChunk();
        }
    }

    /** Waits for every slice handed to the stager; the first failure is the chunk's. */
    private void awaitStaged() throws Exception {
        try {
            for (java.util.concurrent.Future<?> f : inFlight) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    /** Waits for the stager whatever happened, then gives the connection back: nothing uses it after the chunk. */
    private void endChunk() {
        for (java.util.concurrent.Future<?> f : inFlight) {
            try {
                f.get();
            } catch (Exception ignored) {
                // the chunk fails or already failed with it
            }
        }
        inFlight.clear();
        slice = new ArrayList<>();
        submitted = 0;
        lastSubmitted = null;
        if (chunkConnection != null) {
            staging.release(chunkConnection);
            chunkConnection = null;
        }
    }

    /** A chunk failed before or in its write (its transaction rolls back next): stop staging on its connection. */
    @Override
    public void onChunkError(Exception exception, Chunk<ParsedRow> chunk) {
        endChunk();
    }

    /** A rejected row (Batch's skip in the processor): to quarantine, naming file, row and field. */
    @Override
    public void onSkipInProcess(ParsedRow item, Throwable t) {
        // the stager may be using the chunk's connection: this thread takes its turn after it (a rare path)
        for (java.util.concurrent.Future<?> f : inFlight) {
            try {
                f.get();
            } catch (Exception ignored) {
                // the chunk's write reports it
            }
        }
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

    /** Time the step thread waited at the end of chunks for the stager to finish. */
    long waitNanos() {
        return waitNanos;
    }

    /** Time the stager spent staging rows in the database, most of it while the step read and processed. */
    long stageNanos() {
        return stageNanos.get();
    }

    /**
     * The file's audit line from the counts the reader saved with the last committed chunk (Batch's read, write,
     * skip and filter counts, over every attempt at this file): read = loaded + quarantined + duplicates.
     */
    @Override
    public ExitStatus afterStep(StepExecution s) {
        endChunk();
        if (stager != null) {
            stager.shutdownNow();
            encoder.shutdownNow();
            stager = null;
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
        try {
            audit.record(new AuditRow(s.getJobExecutionId(), tenant, source.name(), source.kind().label(), location,
                    hash, status, ctx.getLong(SourceFileReader.READ, 0L), ctx.getLong(SourceFileReader.LOADED, 0L),
                    ctx.getLong(SourceFileReader.QUARANTINED, 0L), ctx.getLong(SourceFileReader.DUPLICATE, 0L), message,
                    s.getStartTime() == null ? s.getCreateTime() : s.getStartTime(), // Batch's own (real) times, as the step's
                    s.getLastUpdated() == null ? s.getCreateTime() : s.getLastUpdated()));
        } catch (RuntimeException e) {
            // Batch only logs what a listener throws after a step: say which file's audit line is missing
            log.error("{} {}: its count audit line could not be written: {}", source.name(), location, rootMessage(e), e);
            throw e;
        }
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
