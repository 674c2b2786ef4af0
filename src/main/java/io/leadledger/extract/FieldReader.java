package io.leadledger.extract;

import io.leadledger.jobs.MappingProfile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Typed access to the logical fields of a row through a mapping profile. Every failure is a
 * {@link RowRejectedException} naming the file's own column, so quarantine reasons read like the file.
 * Timestamps without a zone are the source's local time (its timezone:, else the tenant's), converted to the
 * tenant's; with a zone they are converted to it.
 */
public final class FieldReader {

    /** What an e-mail must look like; {@link #looksLikeEmail} is its hand-written equivalent. */
    static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Set<String> TRUE = Set.of("1", "true", "yes", "y", "x", "t", "won");

    private final MappingProfile mapping;
    private final DateTimeText dates;
    private final char decimalSeparator;

    public FieldReader(MappingProfile mapping, ZoneId zone) {
        this.mapping = mapping;
        this.dates = new DateTimeText(mapping.dateFormats() == null ? List.of("ISO") : mapping.dateFormats(), zone,
                mapping.zoneOr(zone));
        String ds = mapping.decimalSeparator();
        this.decimalSeparator = ds == null || ds.isEmpty() ? '.' : ds.charAt(0);
    }

    public MappingProfile mapping() {
        return mapping;
    }

    /** The column a logical field is read from, or null when the mapping does not map it. */
    public String column(String field) {
        return mapping.columnsOrEmpty().get(field);
    }

    /** The raw text of a field: the mapped column's cell, else the mapping's constant, else null. */
    public String text(RawRecord r, String field) {
        String col = column(field);
        String v = col == null ? null : r.get(col);
        return v != null ? v : mapping.constantsOrEmpty().get(field);
    }

    /** Text no longer than its staging column: a longer value quarantines the row, it is never cut. */
    public String text(RawRecord r, String field, int width) {
        return fits(text(r, field), field, width);
    }

    String fits(String v, String field, int width) {
        if (v != null && v.length() > width) {
            throw new RowRejectedException(label(field), v, "value longer than " + width + " characters");
        }
        return v;
    }

    /** A record id: required, at most {@code width} characters, no control characters (an id is never cut). */
    public String id(RawRecord r, String field, int width) {
        String v = fits(required(r, field), field, width);
        int c = ImportLimits.controlChar(v);
        if (c >= 0) {
            throw new RowRejectedException(label(field), v, "control character " + codePoint(v.charAt(c)) + " in an id");
        }
        return v;
    }

    /** The e-mail cell as received (at most {@code width} characters, no control characters), or null. */
    public String emailText(RawRecord r, String field, int width) {
        String v = text(r, field, width);
        int c = v == null ? -1 : ImportLimits.controlChar(v);
        if (c >= 0) {
            throw new RowRejectedException(label(field), v, "control character " + codePoint(v.charAt(c))
                    + " in an e-mail address");
        }
        return v;
    }

    static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }

    public String required(RawRecord r, String field) {
        String v = text(r, field);
        if (v == null) {
            throw new RowRejectedException(label(field), null, "required value is empty");
        }
        return v;
    }

    public String label(String field) {
        String col = column(field);
        return col != null ? col : field;
    }

    public LocalDateTime dateTime(RawRecord r, String field, boolean required) {
        String v = required ? required(r, field) : text(r, field);
        return v == null ? null : parseDateTime(v, field);
    }

    public LocalDate date(RawRecord r, String field, boolean required) {
        LocalDateTime t = dateTime(r, field, required);
        return t == null ? null : t.toLocalDate();
    }

    /** True when the field's value is dated by month only (yyyy-MM): a period total, dated its first day. */
    public boolean monthOnly(RawRecord r, String field) {
        String v = text(r, field);
        return v != null && dates.monthOnly(v);
    }

    LocalDateTime parseDateTime(String v, String field) {
        LocalDateTime t = dates.parse(v);
        if (t == null) {
            throw new RowRejectedException(label(field), v, "not a date/time in any of the formats "
                    + (mapping.dateFormats() == null ? "[ISO]" : mapping.dateFormats()));
        }
        if (!ImportLimits.inDateWindow(t.toLocalDate())) {
            throw new RowRejectedException(label(field), v, ImportLimits.DATE_WINDOW_REASON);
        }
        return t;
    }

    public BigDecimal amount(RawRecord r, String field, boolean required, boolean allowNegative) {
        String v = required ? required(r, field) : text(r, field);
        if (v == null) {
            return null;
        }
        BigDecimal d;
        try {
            d = AmountText.parse(v, decimalSeparator);
        } catch (NumberFormatException e) {
            throw new RowRejectedException(label(field), v, "not a number (decimal separator '" + decimalSeparator + "')");
        }
        if (!allowNegative && d.signum() < 0) {
            throw new RowRejectedException(label(field), v, "negative amount");
        }
        if (!ImportLimits.inAmountRange(d)) {
            throw new RowRejectedException(label(field), v, "amount out of range (at most 999,999,999,999.99)");
        }
        return d.setScale(2, RoundingMode.HALF_UP);
    }

    public String currency(RawRecord r, String field) {
        String v = text(r, field);
        if (v == null) {
            v = mapping.defaultCurrency();
        }
        if (v == null) {
            throw new RowRejectedException(label(field), null, "no currency in the row and no defaultCurrency configured");
        }
        String c = CellText.strip(v).toUpperCase(Locale.ROOT);
        try {
            if (c.length() == 3) {
                Currency.getInstance(c);
                return c;
            }
        } catch (IllegalArgumentException ignored) {
            // fall through to the error
        }
        throw new RowRejectedException(label(field), v, "not an ISO 4217 currency code");
    }

    /** A normalised e-mail (trimmed, lower-case) or null; a value that is not an e-mail is rejected. */
    public String email(RawRecord r, String field) {
        String v = text(r, field);
        if (v == null) {
            return null;
        }
        String e = CellText.strip(v).toLowerCase(Locale.ROOT);
        int c = ImportLimits.controlChar(v);
        if (c >= 0) {
            throw new RowRejectedException(label(field), v, "control character " + codePoint(v.charAt(c))
                    + " in an e-mail address");
        }
        if (!looksLikeEmail(e)) {
            throw new RowRejectedException(label(field), v, "not an e-mail address");
        }
        return e;
    }

    /** The same test as {@link #EMAIL} (one @, no spaces, a dot inside the domain), without a regex per cell. */
    static boolean looksLikeEmail(String e) {
        int at = e.indexOf('@');
        if (at <= 0 || e.indexOf('@', at + 1) >= 0) {
            return false;
        }
        for (int i = 0; i < e.length(); i++) {
            char c = e.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
                return false;
            }
        }
        int dot = e.indexOf('.', at + 2);
        return dot > 0 && dot < e.length() - 1;
    }

    public boolean flag(RawRecord r, String field) {
        String v = text(r, field);
        if (v == null) {
            return false;
        }
        List<String> extra = mapping.trueValues();
        String s = v.trim().toLowerCase(Locale.ROOT);
        return TRUE.contains(s) || (extra != null && extra.stream().anyMatch(x -> x.equalsIgnoreCase(s)));
    }

    public boolean maps(String field) {
        return column(field) != null || mapping.constantsOrEmpty().containsKey(field);
    }

    static boolean in(List<String> values, String v) {
        return v != null && values != null && values.stream().anyMatch(x -> x.equalsIgnoreCase(v.trim()));
    }

    /** Text cut to a column's width so a long value never fails a load. */
    static String cut(String v, int max) {
        return v == null || v.length() <= max ? v : v.substring(0, max);
    }
}
