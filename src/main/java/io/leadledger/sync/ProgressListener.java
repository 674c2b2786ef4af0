package io.leadledger.sync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.StepExecutionListener;

import java.nio.file.Path;

/** One log line per file: counts and rows per second. */
class ProgressListener implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger("io.leadledger.import");
    private final String source;
    private final Path file;
    private long started;

    ProgressListener(String source, Path file) {
        this.source = source;
        this.file = file;
    }

    @Override
    public void beforeStep(StepExecution s) {
        started = System.nanoTime();
    }

    @Override
    public ExitStatus afterStep(StepExecution s) {
        var ctx = s.getExecutionContext();
        double secs = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        long read = ctx.getLong("rows.read", 0L);
        if ("unchanged".equals(ctx.getString("file.status", ""))) {
            log.info("{} {}: unchanged since it was last loaded, skipped", source, file);
        } else if (s.getFailureExceptions().isEmpty()) {
            log.info("{} {}: read {} = loaded {} + quarantined {} + duplicates {} ({} rows/s)", source, file, read,
                    ctx.getLong("rows.loaded", 0L), ctx.getLong("rows.quarantined", 0L),
                    ctx.getLong("rows.duplicate", 0L), Math.round(read / secs));
        }
        return s.getExitStatus();
    }
}
