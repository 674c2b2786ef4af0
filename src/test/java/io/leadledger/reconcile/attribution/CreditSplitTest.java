package io.leadledger.reconcile.attribution;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CreditSplitTest {

    static BigDecimal[] w(String... weights) {
        BigDecimal[] out = new BigDecimal[weights.length];
        for (int i = 0; i < weights.length; i++) {
            out[i] = new BigDecimal(weights[i]);
        }
        return out;
    }

    static List<String> amounts(List<Credit> credits) {
        return credits.stream().map(c -> c.amount().toPlainString()).toList();
    }

    static List<String> shares(List<Credit> credits) {
        return credits.stream().map(c -> c.share().toPlainString()).toList();
    }

    @Test
    void aHundredInThreeLeavesTheOddCentOnTheFirstTouch() {
        List<Credit> c = CreditSplit.split(new BigDecimal("100.00"), w("1", "1", "1"));
        assertThat(amounts(c)).containsExactly("33.34", "33.33", "33.33");
        assertThat(shares(c)).containsExactly("0.333334", "0.333333", "0.333333");
    }

    @Test
    void leftoverCentsGoToTheLargestRemainders() {
        // 1/7, 2/7, 4/7 of 100000 cents = 14285.71, 28571.43, 57142.86: floors leave 2 cents, for .86 and .71
        List<Credit> c = CreditSplit.split(new BigDecimal("1000.00"), w("0.125", "0.25", "0.5"));
        assertThat(amounts(c)).containsExactly("142.86", "285.71", "571.43");
        assertThat(shares(c)).containsExactly("0.142857", "0.285714", "0.571429");
    }

    @Test
    void zeroWeightsGetNoRowAndTouchPositionsAreKept() {
        List<Credit> c = CreditSplit.split(new BigDecimal("10.00"), w("0", "3", "0", "1"));
        assertThat(c).extracting(Credit::touch).containsExactly(1, 3);
        assertThat(amounts(c)).containsExactly("7.50", "2.50");
        assertThat(shares(c)).containsExactly("0.750000", "0.250000");
    }

    @Test
    void sharesResidueGoesToTheLargestShare() {
        // 4 x 0.166667 + 0.333333 = 1.000001: the residue -0.000001 lands on the largest share, the 1/3
        List<Credit> c = CreditSplit.split(new BigDecimal("6.00"), w("1", "1", "1", "1", "2"));
        assertThat(shares(c)).containsExactly("0.166667", "0.166667", "0.166667", "0.166667", "0.333332");
        assertThat(amounts(c)).containsExactly("1.00", "1.00", "1.00", "1.00", "2.00");
    }

    @Test
    void negativeAmountsAndZeroAmountsSplitToo() {
        assertThat(amounts(CreditSplit.split(new BigDecimal("-100.00"), w("1", "1", "1"))))
                .containsExactly("-33.34", "-33.33", "-33.33");
        assertThat(amounts(CreditSplit.split(new BigDecimal("0.00"), w("1", "1")))).containsExactly("0.00", "0.00");
        assertThat(amounts(CreditSplit.split(new BigDecimal("0.01"), w("1", "1", "1")))).containsExactly("0.01", "0.00", "0.00");
    }

    @Test
    void everySplitAddsUpExactly() {
        java.util.Random r = new java.util.Random(7);
        for (int n = 0; n < 2000; n++) {
            int k = 1 + r.nextInt(9);
            BigDecimal[] weights = new BigDecimal[k];
            for (int i = 0; i < k; i++) {
                weights[i] = new BigDecimal(r.nextDouble() < 0.2 ? 0 : r.nextDouble());
            }
            weights[r.nextInt(k)] = new BigDecimal("0.3");
            BigDecimal amount = BigDecimal.valueOf(r.nextInt(10_000_000), 2);
            List<Credit> c = CreditSplit.split(amount, weights);
            assertThat(c.stream().map(Credit::amount).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(amount);
            assertThat(c.stream().map(Credit::share).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("1");
            assertThat(c).allSatisfy(x -> assertThat(x.amount().signum()).isGreaterThanOrEqualTo(0));
        }
    }

    @Test
    void allZeroWeightsAreAModelBug() {
        assertThatThrownBy(() -> CreditSplit.split(BigDecimal.TEN, w("0", "0"))).isInstanceOf(IllegalArgumentException.class);
    }
}
