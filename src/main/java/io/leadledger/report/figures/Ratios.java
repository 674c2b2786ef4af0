package io.leadledger.report.figures;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Derived figures, rounded once here to what is displayed (percent to 0.1%, decimals to 0.1, money to
 * the cent) so that the PDF, the XLSX and the tests all see the same number.
 */
public final class Ratios {
    private Ratios() {
    }

    public static BigDecimal percent(BigDecimal num, BigDecimal den) {
        return den == null || num == null || den.signum() == 0 ? null : num.divide(den, 3, RoundingMode.HALF_UP);
    }

    public static BigDecimal percent(long num, long den) {
        return percent(BigDecimal.valueOf(num), BigDecimal.valueOf(den));
    }

    public static BigDecimal money(BigDecimal num, BigDecimal den) {
        return den == null || num == null || den.signum() == 0 ? null : num.divide(den, 2, RoundingMode.HALF_UP);
    }

    public static BigDecimal decimal(BigDecimal num, BigDecimal den) {
        return den == null || num == null || den.signum() == 0 ? null : num.divide(den, 1, RoundingMode.HALF_UP);
    }

    /** (revenue - spend) / spend */
    public static BigDecimal roi(BigDecimal revenue, BigDecimal spend) {
        return spend == null || spend.signum() == 0 ? null : percent(revenue.subtract(spend), spend);
    }

    public static BigDecimal oneDecimal(double v) {
        return Double.isNaN(v) ? null : BigDecimal.valueOf(v).setScale(1, RoundingMode.HALF_UP);
    }
}
