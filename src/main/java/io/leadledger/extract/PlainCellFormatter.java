package io.leadledger.extract;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * Numeric XLSX cells (constants and formula results) as the pipeline reads them, whatever their display format.
 * POI's SAX sheet handler passes every numeric value through {@link #formatRawCellContents}; a stock
 * DataFormatter would return what Excel displays ("1,234.50", "$1,234.50", "1.23E+06", "Mar 2026").
 * Here: date-formatted values as ISO dates ("2026-03-01") or date-times ("2026-03-01T10:15:00"); other numbers
 * plain, without exponent or ".0", rounded to the 15 significant digits Excel itself shows (so 0.1+0.2 is "0.3").
 * Used by one parse thread only.
 */
final class PlainCellFormatter extends DataFormatter {

    private static final MathContext EXCEL_PRECISION = new MathContext(15);

    private final boolean date1904;
    /** DateUtil remembers only the last format it checked, and a sheet's columns alternate formats. */
    private final Map<String, Boolean> dateFormats = new HashMap<>();

    PlainCellFormatter(boolean date1904) {
        this.date1904 = date1904;
    }

    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString) {
        return text(value, formatIndex, formatString);
    }

    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
        return text(value, formatIndex, formatString);
    }

    private String text(double value, int formatIndex, String formatString) {
        if (formatString != null && isDateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
            return isoDate(value);
        }
        return plainNumber(value);
    }

    private boolean isDateFormat(int formatIndex, String formatString) {
        Boolean known = dateFormats.get(formatString);
        if (known == null) {
            known = DateUtil.isADateFormat(formatIndex, formatString);
            dateFormats.put(formatString, known);
        }
        return known;
    }

    private String isoDate(double value) {
        LocalDateTime t = DateUtil.getLocalDateTime(value, date1904, true);
        if (value < 1) {
            return t.toLocalTime().format(DateTimeFormatter.ISO_LOCAL_TIME); // a time of day without a date
        }
        return t.toLocalTime().equals(LocalTime.MIDNIGHT) ? t.toLocalDate().toString()
                : t.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }

    static String plainNumber(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        BigDecimal d = BigDecimal.valueOf(value).round(EXCEL_PRECISION).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }
}
