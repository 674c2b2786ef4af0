package io.leadledger.extract;

import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The fixed-width reading of numeric patterns gives exactly what java.time's strict formatter gives. */
class DateTimeTextTest {

    private static final List<String> PATTERNS = List.of("yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd",
            "dd.MM.yyyy", "dd-MM-yyyy HH:mm", "MM/dd/yyyy", "yyyy/MM/dd HH:mm:ss");

    private static final List<String> VALUES = List.of("2026-07-01 01:11", "2026-07-01 01:11:59", "2026-07-01",
            "01.07.2026", "31-12-2026 23:59", "07/01/2026", "2026/07/01 00:00:00", "2026-02-29", "2024-02-29",
            "29.02.2026", "2026-13-01", "2026-00-10", "2026-04-31 10:00", "2026-07-01 24:00", "2026-07-01 23:60",
            "2026-07-01 12:00:60", "0000-01-01", "0001-01-01", "12/31/2026", "13/01/2026", "2026-7-01", "x026-07-01",
            "2026-07-01T01:11", "2026-07-01 01:11 ", "9999-12-31 23:59:59");

    @Test
    void fixedWidthReadingMatchesTheFormatter() {
        int compared = 0;
        for (String p : PATTERNS) {
            DateTimeText.FixedWidth fw = DateTimeText.FixedWidth.of(p);
            assertNotNull(fw, p);
            DateTimeFormatter f = new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(p)
                    .parseDefaulting(ChronoField.ERA, 1).toFormatter(Locale.US).withResolverStyle(ResolverStyle.STRICT);
            for (String v : VALUES) {
                LocalDateTime expected = reference(f, v);
                LocalDateTime actual = fw.fits(v) ? fw.parse(v) : null;
                assertEquals(expected, actual, p + " reading '" + v + "'");
                compared++;
            }
        }
        assertEquals(PATTERNS.size() * VALUES.size(), compared);
    }

    @Test
    void patternsWithNamesOrVariableWidthsKeepTheFormatter() {
        assertNull(DateTimeText.FixedWidth.of("M/d/yyyy"));
        assertNull(DateTimeText.FixedWidth.of("dd MMM yyyy"));
        assertNull(DateTimeText.FixedWidth.of("yyyy-MM-dd'T'HH:mm"));
        assertNull(DateTimeText.FixedWidth.of("HH:mm"));
    }

    private static LocalDateTime reference(DateTimeFormatter f, String v) {
        try {
            var t = f.parse(v);
            LocalDate d = LocalDate.from(t);
            return t.isSupported(ChronoField.HOUR_OF_DAY) ? LocalDateTime.from(t) : d.atStartOfDay();
        } catch (DateTimeException e) {
            return null;
        }
    }
}
