package io.leadledger.report.insights;

import io.leadledger.report.Figures;
import io.leadledger.report.document.ValueType;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Figures as the insight sentences quote them, always through {@link Figures} so they match the tables. */
public final class Phrases {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.US);

    private final String currency;

    public Phrases(String currency) {
        this.currency = currency;
    }

    public static String month(YearMonth m) {
        return MONTH.format(m);
    }

    /** "Aug 2025–Jul 2026" */
    public static String range(YearMonth from, YearMonth to) {
        return month(from) + "\u2013" + month(to);
    }

    /** A value as printed: money with the currency code in front ("USD 12,500"), others as their type. */
    public String value(BigDecimal v, ValueType type) {
        String f = Figures.format(v, type);
        return type == ValueType.MONEY && v != null ? currency + " " + f : f;
    }

    /**
     * The change from {@code before} to {@code now} as a reader says it: "up 9.0%", "down 4.8 points" for
     * rates, "unchanged"; null when there is nothing to compare with.
     */
    public static String change(BigDecimal now, BigDecimal before, ValueType type) {
        if (now == null || before == null) {
            return null;
        }
        int sign = now.compareTo(before);
        if (type == ValueType.PERCENT) {
            BigDecimal points = points(now, before);
            return points.signum() == 0 ? "unchanged" : (points.signum() > 0 ? "up " : "down ")
                    + Figures.format(points.abs(), ValueType.DECIMAL) + " points";
        }
        if (before.signum() == 0) {
            return sign == 0 ? "unchanged" : null;
        }
        BigDecimal rel = relative(now, before);
        return rel.signum() == 0 ? "unchanged" : (rel.signum() > 0 ? "up " : "down ") + Figures.format(rel.abs(), ValueType.PERCENT);
    }

    /** (now − before) ÷ |before|, to 0.1% as displayed. */
    public static BigDecimal relative(BigDecimal now, BigDecimal before) {
        return now.subtract(before).divide(before.abs(), MathContext.DECIMAL64).setScale(3, RoundingMode.HALF_UP);
    }

    /** Difference of two rates in percentage points, to 0.1. */
    public static BigDecimal points(BigDecimal now, BigDecimal before) {
        return now.subtract(before).movePointRight(2).setScale(1, RoundingMode.HALF_UP);
    }
}
