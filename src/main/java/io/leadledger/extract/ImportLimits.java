package io.leadledger.extract;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What an import accepts, in one place (README "Limits and bad input" lists them). They are chosen, not found
 * out from the database: a value beyond them is a quarantined row (or, for a header, a rejected file) with a
 * reason a person can act on, never a database error that fails the night.
 */
public final class ImportLimits {

    /** Columns of a header, and cells of a row: a wider header fails its file, a wider row is quarantined. */
    public static final int MAX_COLUMNS = 1_000;
    /** Characters of any one cell; a longer cell quarantines its row (mapped text has its column's width). */
    public static final int MAX_CELL_CHARS = 10_000;
    /**
     * Characters of a raw_row (the JSON of a row kept in staging or quarantine): cells are kept whole up to it,
     * the cell crossing it is cut with {@link #CUT_MARKER}, later cells are dropped with a count. 20,000
     * characters are at most 60,000 bytes in UTF-8 (3 bytes per char), inside MariaDB's TEXT (65,535 bytes).
     */
    public static final int MAX_RAW_ROW_CHARS = 20_000;
    /** Appended to a cell cut in raw_row, with the cell's full length. */
    public static final String CUT_MARKER = "…[cut, %d characters in all]";
    /** Amounts (and converted amounts) must be below this in absolute value: DECIMAL(18,2) keeps headroom for sums. */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000"); // 10^12
    /** Dates accepted: 1900-01-01 to 2100-12-31; anything else is a typo or a placeholder (0001-01-01, 9999-12-31). */
    public static final LocalDate FIRST_DATE = LocalDate.of(1900, 1, 1);
    public static final LocalDate LAST_DATE = LocalDate.of(2100, 12, 31);
    public static final String DATE_WINDOW_REASON = "date outside 1900–2100";
    /** Exchange rates (units per EUR) must be above 0 and below this. */
    public static final BigDecimal MAX_FX_RATE = new BigDecimal("1000000000"); // 10^9
    /** Ids repeated with different values that the audit lists by name per file (all are counted). */
    public static final int MAX_CONFLICTS_LISTED = 20;

    private ImportLimits() {
    }

    public static boolean inDateWindow(LocalDate d) {
        return !d.isBefore(FIRST_DATE) && !d.isAfter(LAST_DATE);
    }

    public static boolean inAmountRange(BigDecimal amount) {
        return amount.abs().compareTo(MAX_AMOUNT) < 0;
    }

    /** The first control character (NUL, tab, line break, ...) in a value, or -1. */
    static int controlChar(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
                return i;
            }
        }
        return -1;
    }

    /** Text cut to at most {@code max} chars, never between the two halves of a surrogate pair. */
    public static String cut(String v, int max) {
        if (v == null || v.length() <= max) {
            return v;
        }
        int end = Character.isHighSurrogate(v.charAt(max - 1)) ? max - 1 : max;
        return v.substring(0, end);
    }
}
