package io.leadledger.report;

import io.leadledger.report.document.ValueType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** The display formats shared by the PDF templates and the XLSX cell styles (en-US). */
public final class Figures {
    public static final String INTEGER_PATTERN = "#,##0";
    public static final String MONEY_PATTERN = "#,##0";
    public static final String PERCENT_PATTERN = "0.0%";
    public static final String DECIMAL_PATTERN = "#,##0.0";

    private Figures() {
    }

    public static String pattern(ValueType type) {
        return switch (type) {
            case INTEGER -> INTEGER_PATTERN;
            case MONEY -> MONEY_PATTERN;
            case PERCENT -> PERCENT_PATTERN;
            case DECIMAL -> DECIMAL_PATTERN;
            case TEXT -> null;
        };
    }

    /** The text a reader sees for a value, as the PDF prints it. */
    public static String format(Object value, ValueType type) {
        if (value == null) {
            return "–";
        }
        if (type == ValueType.TEXT) {
            return value.toString();
        }
        DecimalFormat f = new DecimalFormat(pattern(type), DecimalFormatSymbols.getInstance(Locale.US));
        f.setRoundingMode(RoundingMode.HALF_EVEN);
        return f.format(value instanceof BigDecimal b ? b : new BigDecimal(value.toString()));
    }
}
