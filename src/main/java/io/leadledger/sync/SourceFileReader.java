package io.leadledger.sync;

import io.leadledger.extract.RawRecord;
import io.leadledger.extract.RecordSource;
import io.leadledger.extract.RecordSources;
import io.leadledger.jobs.SourceDefinition;
import io.leadledger.warehouse.RunAuditRepository;
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
 * Reads one file of a source. A file whose content hash was loaded before reads as empty; on restart
 * it skips the rows the committed chunks already covered (their count is in the step context).
 */
class SourceFileReader implements ItemStreamReader<RawRecord> {

    static final String ROWS_DONE = "rows.done";
    /** Set when this version of the file is read from its first row (not resumed, not skipped as unchanged). */
    static final String FRESH = "file.fresh";

    private final String tenant;
    private final SourceDefinition source;
    private final Path file;
    private final RunAuditRepository audit;
    private RecordSource records;
    private String hash;
    private boolean unchanged;
    private long rowsDone;

    SourceFileReader(String tenant, SourceDefinition source, Path file, RunAuditRepository audit) {
        this.tenant = tenant;
        this.source = source;
        this.file = file;
        this.audit = audit;
    }

    @Override
    public void open(ExecutionContext ctx) {
        hash = sha256(file);
        if (ctx.containsKey("file.hash") && !hash.equals(ctx.getString("file.hash"))) {
            // restarted on a file that changed since the failed attempt: its row positions mean nothing
            // any more, so read it again from the start (staging upserts by key: nothing is duplicated)
            for (String k : new String[] {ROWS_DONE, "rows.read", "rows.loaded", "rows.quarantined", "rows.duplicate",
                    FRESH, StagingWriter.CLEARED}) {
                ctx.remove(k);
            }
        }
        ctx.putString("file.hash", hash);
        unchanged = !ctx.containsKey(ROWS_DONE) && audit.alreadyLoaded(tenant, source.name(), hash);
        ctx.putString("file.status", unchanged ? "unchanged" : "loaded");
        if (unchanged) {
            return;
        }
        if (!ctx.containsKey(ROWS_DONE)) {
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
    }

    @Override
    public RawRecord read() {
        if (unchanged) {
            return null;
        }
        RawRecord r = records.next();
        if (r != null) {
            rowsDone++;
        }
        return r;
    }

    @Override
    public void update(ExecutionContext ctx) {
        ctx.putLong(ROWS_DONE, rowsDone);
    }

    @Override
    public void close() {
        if (records != null) {
            records.close();
            records = null;
        }
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
