package io.leadledger.sync;

import io.leadledger.extract.ParsedRow;
import io.leadledger.extract.RecordSource;
import io.leadledger.extract.RecordSources;
import io.leadledger.jobs.SourceDefinition;
import io.leadledger.warehouse.RunAuditRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The reader of a partition's chunk step: one file of a source, row by row. It keeps the file's restart state
 * in the step's ExecutionContext: the content hash, the mapping key, the row position ({@value #ROWS_DONE}) and
 * the file's counts so far ({@code rows.*}, Batch's counts of this attempt added to those of the attempts before
 * it, written at each commit). A file whose content and mapping were loaded before reads as empty; a restarted
 * partition skips the rows the committed chunks covered.
 */
class SourceFileReader implements ItemStreamReader<ParsedRow>, StepExecutionListener {

    static final String ROWS_DONE = "rows.done";
    static final String HASH = "file.hash";
    static final String MAPPING = "file.mapping";
    /** Set when this version of the file is read from its first row (not resumed, not skipped as unchanged). */
    static final String FRESH = "file.fresh";
    static final String READ = "rows.read";
    static final String LOADED = "rows.loaded";
    static final String QUARANTINED = "rows.quarantined";
    static final String DUPLICATE = "rows.duplicate";

    private final String tenant;
    private final SourceDefinition source;
    private final Path file;
    private final String mappingKey;
    private final RunAuditRepository audit;
    private final RowParsing parsing;
    private final int rowsAhead;
    private StepExecution step;
    private RecordSource records;
    private ReadAhead ahead;
    private boolean unchanged;
    private long rowsDone;
    private PartitionCounts counts;
    private long readNanos;

    SourceFileReader(String tenant, SourceDefinition source, Path file, String mappingKey, RunAuditRepository audit,
                     RowParsing parsing, int rowsAhead) {
        this.parsing = parsing;
        this.rowsAhead = rowsAhead;
        this.tenant = tenant;
        this.source = source;
        this.file = file;
        this.mappingKey = mappingKey;
        this.audit = audit;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        step = stepExecution;
    }

    @Override
    public void open(ExecutionContext ctx) {
        boolean resumed = ctx.containsKey(ROWS_DONE);
        // the partitioner hashed the file a moment ago; a resumed partition's context is its failed attempt's
        String hash = resumed || !ctx.containsKey(HASH) ? sha256(file) : ctx.getString(HASH);
        if (resumed && (!hash.equals(ctx.getString(HASH, "")) || !mappingKey.equals(ctx.getString(MAPPING, mappingKey)))) {
            // restarted on a file (or a mapping) that changed since the failed attempt: its row positions mean
            // nothing any more, so read it again from the start (staging upserts by key: nothing is duplicated)
            for (String k : new String[] {ROWS_DONE, READ, LOADED, QUARANTINED, DUPLICATE, FRESH, StagingWriter.CLEARED}) {
                ctx.remove(k);
            }
            resumed = false;
        }
        ctx.putString(HASH, hash);
        ctx.putString(MAPPING, mappingKey);
        counts = new PartitionCounts(ctx);
        unchanged = !resumed && audit.alreadyLoaded(tenant, source.name(), hash, mappingKey);
        ctx.putString("file.status", unchanged ? "unchanged" : "loaded");
        if (unchanged) {
            return;
        }
        if (!resumed) {
            ctx.putString(FRESH, "yes");
        }
        records = RecordSources.open(source, file);
        ctx.putString("file.header", headerJson(records.header().names()));
        rowsDone = ctx.getLong(ROWS_DONE, 0L);
        for (long i = 0; i < rowsDone; i++) {
            if (records.next() == null) {
                break;
            }
        }
        ahead = new ReadAhead(records, parsing, rowsAhead, "read-" + source.name());
    }

    /**
     * The next row, parsed (or rejected, for the processor to throw), split from the file and parsed by a thread
     * of its own up to a chunk ahead (the position saved is that of the rows handed to the step, never of those
     * read ahead).
     */
    @Override
    public ParsedRow read() {
        if (unchanged) {
            return null;
        }
        long t0 = System.nanoTime();
        ParsedRow r = ahead.next();
        readNanos += System.nanoTime() - t0;
        if (r != null) {
            rowsDone++;
        }
        return r;
    }

    /**
     * Called by Batch in each chunk's transaction, after the chunk's counts were added to the step: the position
     * and the counts saved are exactly those of the committed chunks. Quarantined rows are Batch's skips,
     * duplicates its filtered items.
     */
    @Override
    public void update(ExecutionContext ctx) {
        ctx.putLong(ROWS_DONE, rowsDone);
        if (step != null && counts != null) {
            counts.save(ctx, step);
        }
    }

    @Override
    public void close() {
        if (ahead != null) {
            ahead.close();
            ahead = null;
        }
        if (records != null) {
            records.close();
            records = null;
        }
    }

    /** Time the step waited for rows split from the file (near zero when the database is the slower side). */
    long readNanos() {
        return readNanos;
    }

    /** The header as a JSON array, bounded like a raw_row (it is kept in the step context and source_file). */
    static String headerJson(java.util.List<String> names) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < names.size(); i++) {
            String quoted = new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance()
                    .quoteAsString(io.leadledger.extract.ImportLimits.cut(names.get(i), 200)));
            if (b.length() + quoted.length() + 40 > io.leadledger.extract.ImportLimits.MAX_RAW_ROW_CHARS) {
                b.append(i == 0 ? "" : ",").append("\"… ").append(names.size() - i).append(" more columns\"");
                break;
            }
            b.append(i == 0 ? "" : ",").append('"').append(quoted).append('"');
        }
        return b.append(']').toString();
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new ItemStreamException(file + ": cannot read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
