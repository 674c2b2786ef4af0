package io.leadledger.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The renderers write each report to a temporary file and move it into place; a process killed during
 * the write leaves the temporary behind. A report run removes those of earlier runs from the tenant's
 * output folder before it writes: only names of our own pattern (".x.pdf.<uuid>.tmp" and ".x.xlsx.<uuid>.tmp"
 * of the renderers, "x.xlsx.tmp" of the XLSX renderer before 0.2) last modified before this run started, so another
 * process's write in progress is never touched.
 */
@Component
public class ReportTemporaries {

    private static final Logger log = LoggerFactory.getLogger(ReportTemporaries.class);
    static final Pattern OURS = Pattern.compile("\\..+\\.(pdf|xlsx)\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.tmp"
            + "|[^.].*\\.xlsx\\.tmp");

    private final Clock clock;

    public ReportTemporaries(Clock clock) {
        this.clock = clock;
    }

    /** Removes our temporaries under {@code tenantDir} (its month folders) older than {@code runStart}; returns how many. */
    public int clean(Path tenantDir, LocalDateTime runStart) {
        if (!Files.isDirectory(tenantDir)) {
            return 0;
        }
        long before = (runStart == null ? LocalDateTime.now(clock) : runStart).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
        int n = 0;
        try (Stream<Path> files = Files.walk(tenantDir, 2)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> OURS.matcher(f.getFileName().toString()).matches())
                    .toList()) {
                try {
                    if (Files.getLastModifiedTime(f).toMillis() < before && Files.deleteIfExists(f)) {
                        n++;
                    }
                } catch (IOException e) {
                    log.warn("cannot remove the temporary {} of an earlier run: {}", f, e.getMessage());
                }
            }
        } catch (IOException e) {
            log.warn("cannot look for temporaries of earlier runs in {}: {}", tenantDir, e.getMessage());
        }
        if (n > 0) {
            log.info("removed {} temporary report files left by earlier runs in {}", n, tenantDir);
        }
        return n;
    }
}
