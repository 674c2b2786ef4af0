package io.leadledger.sync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.listener.StepExecutionListener;
import io.leadledger.extract.ParsedRow;
import org.springframework.batch.infrastructure.item.Chunk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One log line per file: counts and rows per second. On a terminal (not under cron, systemd or a log
 * shipper) also a live progress line per chunk with rows per second and the time left.
 */
class ProgressListener implements StepExecutionListener, ChunkListener<ParsedRow, ParsedRow> {

    private static final Logger log = LoggerFactory.getLogger("io.leadledger.import");
    private final String source;
    private final Path file;
    private long started;
    /** Step start to the first chunk (opening: the file's hash, the header), and each chunk's commit. */
    private long opening = -1;
    private long chunkStarted;
    private long chunkEnded;
    private long inChunks;
    private long betweenChunks;
    private StepExecution step;
    private TerminalProgress terminal;

    private final SourceFileReader reader;
    private final RowParsing parsing;
    private final StagingWriter writer;

    ProgressListener(String source, Path file, SourceFileReader reader, RowParsing parsing, StagingWriter writer) {
        this.source = source;
        this.file = file;
        this.reader = reader;
        this.parsing = parsing;
        this.writer = writer;
    }

    @Override
    public void beforeStep(StepExecution s) {
        step = s;
        started = System.nanoTime();
        if (System.console() != null) {
            terminal = new TerminalProgress(source + " " + file.getFileName(), estimateRows(file),
                    System.console().writer(), System::nanoTime);
        }
    }

    @Override
    public void beforeChunk(Chunk<ParsedRow> chunk) {
        chunkStarted = System.nanoTime();
        if (opening < 0) {
            opening = chunkStarted - started;
        } else {
            betweenChunks += chunkStarted - chunkEnded;
        }
    }

    @Override
    public void afterChunk(Chunk<ParsedRow> chunk) {
        chunkEnded = System.nanoTime();
        inChunks += chunkEnded - chunkStarted;
        if (terminal != null && step != null) {
            terminal.update(step.getExecutionContext().getLong("rows.read", 0L));
        }
    }

    @Override
    public ExitStatus afterStep(StepExecution s) {
        if (terminal != null) {
            terminal.finish();
        }
        var ctx = s.getExecutionContext();
        double secs = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        long read = ctx.getLong("rows.read", 0L);
        if ("unchanged".equals(ctx.getString("file.status", ""))) {
            log.info("{} {}: unchanged since it was last loaded, skipped", source, file);
        } else if (s.getFailureExceptions().isEmpty()) {
            log.info("{} {}: read {} = loaded {} + quarantined {} + duplicates {} ({} rows/s; {} s parsing rows ahead, {} s"
                            + " staging on the writer thread, {} s waiting for rows read, {} s for rows staged at chunk ends; {} s"
                            + " opening, {} s in chunks, {} s between them)", source, file, read,
                    ctx.getLong("rows.loaded", 0L), ctx.getLong("rows.quarantined", 0L),
                    ctx.getLong("rows.duplicate", 0L), Math.round(read / secs), secs(parsing.nanos()),
                    secs(writer.stageNanos()), secs(reader.readNanos()), secs(writer.waitNanos()), secs(Math.max(0, opening)),
                    secs(inChunks), secs(betweenChunks));
        }
        return s.getExitStatus();
    }

    private static String secs(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }

    /** Lines of a CSV (a quoted field with line breaks makes it an estimate); -1 for a workbook. */
    static long estimateRows(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".csv") && !name.endsWith(".txt") && !name.endsWith(".tsv")) {
            return -1;
        }
        long lines = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lines++;
                    }
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return Math.max(0, lines - 1);
    }
}
