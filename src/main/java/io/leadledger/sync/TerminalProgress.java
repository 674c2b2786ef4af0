package io.leadledger.sync;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress line rewritten in place on a terminal while a file is imported: rows so far, rows per
 * second and, when the file's size in rows could be estimated, the time left. At most one update a second.
 */
final class TerminalProgress {

    private static final long SECOND = 1_000_000_000L;

    private final String label;
    private final long expectedRows;
    private final PrintWriter out;
    private final LongSupplier nanos;
    private final long started;
    private long lastPrint;
    private int width;

    /** @param expectedRows an estimate of the rows in the file, or -1 when unknown (no ETA then) */
    TerminalProgress(String label, long expectedRows, PrintWriter out, LongSupplier nanos) {
        this.label = label;
        this.expectedRows = expectedRows;
        this.out = out;
        this.nanos = nanos;
        this.started = nanos.getAsLong();
        this.lastPrint = started;
    }

    void update(long rows) {
        long now = nanos.getAsLong();
        if (now - lastPrint < SECOND) {
            return;
        }
        lastPrint = now;
        double rate = rows / Math.max(1e-3, (now - started) / 1e9);
        StringBuilder sb = new StringBuilder(label).append(": ").append(String.format(Locale.US, "%,d", rows));
        if (expectedRows > 0) {
            sb.append(String.format(Locale.US, " of ~%,d", Math.max(expectedRows, rows)));
        }
        sb.append(String.format(Locale.US, " rows, %,d rows/s", Math.round(rate)));
        if (expectedRows > rows && rate > 0) {
            sb.append(", ETA ").append(duration(Math.round((expectedRows - rows) / rate)));
        }
        String line = sb.toString();
        out.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        out.flush();
        width = line.length();
    }

    /** Clears the line, so the file's summary log line stands alone. */
    void finish() {
        if (width > 0) {
            out.print("\r" + " ".repeat(width) + "\r");
            out.flush();
        }
    }

    static String duration(long seconds) {
        return seconds < 60 ? seconds + "s" : seconds < 3600 ? seconds / 60 + "m" + String.format("%02d", seconds % 60) + "s"
                : seconds / 3600 + "h" + String.format("%02d", seconds % 3600 / 60) + "m";
    }
}
