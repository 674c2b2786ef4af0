package io.leadledger.extract;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Dates and timestamps as a profile's dateFormats write them: "ISO" (ISO-8601 date, local date-time, or
 * date-time with Z/offset), "excel" (serial day numbers, 45352 = 2024-03-01) and java.time patterns
 * ("dd-MM-yyyy HH:mm", "M/d/yyyy"). Timestamps with a zone are converted to the tenant's zone, those without
 * are the source's local wall-clock time (its timezone: setting, else the tenant's) and are converted from it
 * to the tenant's zone; a value without a time of day is a calendar day and stays that day. ISO dates are always accepted: XLSX date cells arrive that way. Impossible
 * dates (31-02-2026) are refused rather than moved to the end of the month.
 */
final class DateTimeText {

    private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffsetId().optionalEnd()
            .optionalEnd()
            .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    /** Excel's day 0 (its 1900 leap-year bug makes 1899-12-30 the base for every date after February 1900). */
    private static final LocalDateTime EXCEL_EPOCH = LocalDateTime.of(1899, 12, 30, 0, 0);

    private final ZoneId zone;
    /** The zone the source writes its wall-clock times in. */
    private final ZoneId sourceZone;
    private final List<DateTimeFormatter> patterns = new ArrayList<>();
    /** For each pattern, its fixed-width digits-only reading (null when it has none): most exports use one. */
    private final List<FixedWidth> fixed = new ArrayList<>();
    private final boolean isoFirst;
    private final boolean excelSerial;

    /** Month-only patterns (no day field: yyyy-MM, MM/yyyy), by index in {@link #patterns}. */
    private final List<Boolean> monthOnly = new ArrayList<>();

    DateTimeText(List<String> dateFormats, ZoneId zone) {
        this(dateFormats, zone, zone);
    }

    DateTimeText(List<String> dateFormats, ZoneId zone, ZoneId sourceZone) {
        this.zone = zone;
        this.sourceZone = sourceZone;
        boolean isoSeen = false;
        boolean excelSeen = false;
        for (String p : dateFormats) {
            if (p.equalsIgnoreCase("ISO")) {
                isoSeen = true;
            } else if (p.equalsIgnoreCase("excel")) {
                excelSeen = true;
            } else {
                // STRICT refuses 31 February; yyyy (year-of-era) then needs an era, which nobody writes
                patterns.add(new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(p)
                        .parseDefaulting(ChronoField.ERA, 1).toFormatter(Locale.US)
                        .withResolverStyle(ResolverStyle.STRICT));
                fixed.add(FixedWidth.of(p));
                monthOnly.add(p.indexOf('d') < 0 && p.indexOf('D') < 0 && p.indexOf('E') < 0);
            }
        }
        this.isoFirst = isoSeen;
        this.excelSerial = excelSeen;
    }

    /** The value as the tenant's local date-time (to the second), or null when no format reads it. */
    LocalDateTime parse(String v) {
        LocalDateTime t = isoFirst ? iso(v) : null;
        for (int i = 0; t == null && i < patterns.size(); i++) {
            FixedWidth fw = fixed.get(i);
            t = fw != null && fw.fits(v) ? fromSource(fw.parse(v), fw.hasTime()) : pattern(patterns.get(i), v);
        }
        if (t == null && !isoFirst) {
            t = iso(v);
        }
        if (t == null && excelSerial && isSerial(v)) {
            t = EXCEL_EPOCH.plusSeconds(Math.round(Double.parseDouble(v) * 86400));
            t = fromSource(t, t.toLocalTime().toSecondOfDay() != 0);
        }
        return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * True when the value is read by a month-only pattern (yyyy-MM): a period, dated its first day. The same
     * order as {@link #parse}: a value an ISO date or a day pattern reads first is not month-only.
     */
    boolean monthOnly(String v) {
        if (isoFirst && iso(v) != null) {
            return false;
        }
        for (int i = 0; i < patterns.size(); i++) {
            FixedWidth fw = fixed.get(i);
            if (fw != null && fw.fits(v) ? fw.parse(v) != null : pattern(patterns.get(i), v) != null) {
                return monthOnly.get(i);
            }
        }
        return false;
    }

    /** A wall-clock time of the source's zone as the tenant's; a calendar day (no time) as it is. */
    private LocalDateTime fromSource(LocalDateTime t, boolean hasTime) {
        if (t == null || !hasTime || sourceZone.equals(zone)) {
            return t;
        }
        return t.atZone(sourceZone).withZoneSameInstant(zone).toLocalDateTime();
    }

    /** A cheap shape test first: most values of other formats never reach the parser. */
    private LocalDateTime iso(String v) {
        if (v.length() < 10 || v.charAt(4) != '-' || v.charAt(7) != '-') {
            return null;
        }
        return pattern(ISO, v);
    }

    /** Matching first without resolving: a value in another format costs no exception. */
    private LocalDateTime pattern(DateTimeFormatter f, String v) {
        ParsePosition pos = new ParsePosition(0);
        if (f.parseUnresolved(v, pos) == null || pos.getErrorIndex() >= 0 || pos.getIndex() != v.length()) {
            return null;
        }
        try {
            return local(f.parse(v));
        } catch (DateTimeException e) {
            return null; // the right shape but not a real date/time
        }
    }

    private LocalDateTime local(TemporalAccessor t) {
        if (t.query(TemporalQueries.zone()) != null) {
            return ZonedDateTime.from(t).withZoneSameInstant(zone).toLocalDateTime();
        }
        if (t.isSupported(ChronoField.HOUR_OF_DAY)) {
            return fromSource(LocalDateTime.from(t), true);
        }
        if (t.isSupported(ChronoField.DAY_OF_MONTH)) {
            return LocalDate.from(t).atStartOfDay();
        }
        return YearMonth.from(t).atDay(1).atStartOfDay();
    }

    /** Up to six digits, optionally with a fraction (the time of day): 45352, 45352.5. */
    private static boolean isSerial(String v) {
        int dot = -1;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '.' && dot < 0 && i > 0) {
                dot = i;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        int whole = dot < 0 ? v.length() : dot;
        return whole >= 1 && whole <= 6 && dot != v.length() - 1;
    }

    /**
     * A pattern made only of yyyy, MM, dd, HH, mm, ss and single separators ("yyyy-MM-dd HH:mm", "dd.MM.yyyy"),
     * read by position: the same result as the formatter (impossible dates refused too), without its cost per cell.
     */
    record FixedWidth(String pattern) {

        static FixedWidth of(String p) {
            String rest = p;
            while (!rest.isEmpty()) {
                if (rest.startsWith("yyyy")) {
                    rest = rest.substring(4);
                } else if (rest.startsWith("MM") || rest.startsWith("dd") || rest.startsWith("HH")
                        || rest.startsWith("mm") || rest.startsWith("ss")) {
                    rest = rest.substring(2);
                } else if ("-/. :".indexOf(rest.charAt(0)) >= 0) {
                    rest = rest.substring(1);
                } else {
                    return null;
                }
            }
            return p.contains("yyyy") && p.contains("MM") && p.contains("dd") ? new FixedWidth(p) : null;
        }

        /** Same length, digits where the pattern has letters, the same separators elsewhere. */
        boolean fits(String v) {
            if (v.length() != pattern.length()) {
                return false;
            }
            for (int i = 0; i < v.length(); i++) {
                char p = pattern.charAt(i);
                char c = v.charAt(i);
                if (Character.isLetter(p) ? c < '0' || c > '9' : c != p) {
                    return false;
                }
            }
            return true;
        }

        LocalDateTime parse(String v) {
            int year = field(v, "yyyy");
            int hour = Math.max(0, field(v, "HH"));
            int minute = Math.max(0, field(v, "mm"));
            int second = Math.max(0, field(v, "ss"));
            if (year < 1) {
                return null; // year-of-era starts at 1, as the formatter has it
            }
            try {
                return LocalDateTime.of(year, field(v, "MM"), field(v, "dd"), hour, minute, second);
            } catch (DateTimeException e) {
                return null; // 31 February, hour 24: refused, not moved
            }
        }

        boolean hasTime() {
            return pattern.contains("HH");
        }

        private int field(String v, String token) {
            int at = pattern.indexOf(token);
            if (at < 0) {
                return -1;
            }
            int n = 0;
            for (int i = at; i < at + token.length(); i++) {
                n = n * 10 + (v.charAt(i) - '0');
            }
            return n;
        }
    }
}
