package io.leadledger.console;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the pages write times, durations, amounts and long messages ({@code fmt} in the templates). */
public class ConsoleFormat {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private final ZoneId zone;

    public ConsoleFormat(ZoneId zone) {
        this.zone = zone;
    }

    public String zone() {
        return zone.getId();
    }

    /**
     * In the tenant's zone: an instant, or a LocalDateTime as Spring Batch and the audit write them (the server's
     * own zone).
     */
    public String when(Object t) {
        if (t == null) {
            return "";
        }
        if (t instanceof Instant i) {
            return WHEN.format(i.atZone(zone));
        }
        if (t instanceof LocalDateTime l) {
            return WHEN.format(l.atZone(ZoneId.systemDefault()).withZoneSameInstant(zone));
        }
        return t.toString();
    }

    public String duration(Duration d) {
        if (d == null) {
            return "";
        }
        long s = Math.max(d.toSeconds(), 0); // a run ended "after now" by a clock set back: just now
        return s < 60 ? s + " s" : s < 3600 ? (s / 60) + " min " + (s % 60) + " s" : (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }

    public String between(Object start, Object end) {
        if (start instanceof LocalDateTime a && end instanceof LocalDateTime b) {
            return duration(Duration.between(a, b));
        }
        if (start instanceof Instant a && end instanceof Instant b) {
            return duration(Duration.between(a, b));
        }
        return "";
    }

    public String money(BigDecimal v) {
        if (v == null) {
            return "";
        }
        DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f.format(v.setScale(2, RoundingMode.HALF_UP));
    }

    public String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public String bytes(long n) {
        return n < 1024 ? n + " B" : n < 1024 * 1024 ? (n / 1024) + " KB" : String.format(Locale.ROOT, "%.1f MB", n / 1048576.0);
    }

    /** The first line of a message, at most 300 characters (the whole one is in the title). */
    public String firstLine(String s) {
        if (s == null || s.isBlank()) {
            return "";
        }
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() <= 300 ? line : line.substring(0, 297) + "...";
    }

    public String shortVersion(String v) {
        return v == null ? "" : v.length() <= 12 ? v : v.substring(0, 12);
    }
}
