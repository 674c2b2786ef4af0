package io.leadledger.reconcile.attribution;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits a deal's amount in proportion to weights without losing or inventing a cent: every touch gets
 * its whole cents, and the cents left over go to the largest remainders (ties: the earlier touch).
 * Shares are rounded to 6 decimals and the rounding residue goes to the largest share (ties: the
 * earlier touch), so both add up exactly: to the amount and to 1.
 */
public final class CreditSplit {

    private static final MathContext MC = MathContext.DECIMAL128;

    private CreditSplit() {
    }

    /** One credit per touch of positive weight, in touch order. */
    public static List<Credit> split(BigDecimal amount, BigDecimal[] weights) {
        List<Integer> touches = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i].signum() > 0) {
                touches.add(i);
                total = total.add(weights[i]);
            }
        }
        if (touches.isEmpty()) {
            throw new IllegalArgumentException("no touch has a positive weight");
        }
        BigDecimal[] exact = new BigDecimal[touches.size()];
        for (int k = 0; k < exact.length; k++) {
            exact[k] = weights[touches.get(k)].divide(total, MC);
        }
        BigDecimal[] shares = shares(exact);
        long[] cents = cents(amount, exact);
        List<Credit> out = new ArrayList<>(exact.length);
        for (int k = 0; k < exact.length; k++) {
            out.add(new Credit(touches.get(k), shares[k], BigDecimal.valueOf(cents[k], 2)));
        }
        return out;
    }

    /** Fractions that add up to 1 rounded to 6 decimals, the residue on the largest. */
    public static BigDecimal[] shares(BigDecimal[] fractions) {
        BigDecimal[] s = new BigDecimal[fractions.length];
        BigDecimal sum = BigDecimal.ZERO;
        int largest = 0;
        for (int k = 0; k < s.length; k++) {
            s[k] = fractions[k].setScale(6, RoundingMode.HALF_UP);
            sum = sum.add(s[k]);
            if (s[k].compareTo(s[largest]) > 0) {
                largest = k;
            }
        }
        s[largest] = s[largest].add(BigDecimal.ONE.subtract(sum));
        return s;
    }

    private static long[] cents(BigDecimal amount, BigDecimal[] fractions) {
        BigDecimal total = amount.setScale(2, RoundingMode.HALF_UP).movePointRight(2).abs();
        long[] cents = new long[fractions.length];
        BigDecimal[] remainder = new BigDecimal[fractions.length];
        long left = total.longValueExact();
        for (int k = 0; k < fractions.length; k++) {
            BigDecimal exact = total.multiply(fractions[k], MC);
            BigDecimal whole = exact.setScale(0, RoundingMode.FLOOR);
            cents[k] = whole.longValueExact();
            remainder[k] = exact.subtract(whole);
            left -= cents[k];
        }
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < fractions.length; k++) {
            order.add(k);
        }
        // largest remainder first, the earlier touch on ties
        order.sort(Comparator.comparing((Integer k) -> remainder[k]).reversed().thenComparing(k -> k));
        for (int j = 0; left > 0; j++, left--) {
            cents[order.get(j % order.size())]++;
        }
        // the fractions are rounded to 34 digits: a floor can come out one cent high; take it from the smallest remainders
        for (int j = order.size() - 1; left < 0; j--, left++) {
            cents[order.get(Math.floorMod(j, order.size()))]--;
        }
        if (amount.signum() < 0) {
            for (int k = 0; k < cents.length; k++) {
                cents[k] = -cents[k];
            }
        }
        return cents;
    }
}
