package io.leadledger.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Outcomes of a group of handed leads, as of the last reconcile. */
final class CohortFigures {
    long handed;
    long accepted;
    long rejected;
    long neverTouched;
    long noOpportunity;
    long open;
    long won;
    long lost;
    long pending;
    BigDecimal revenue = BigDecimal.ZERO;
    final List<Double> speedHours = new ArrayList<>();
    final List<Double> daysToClose = new ArrayList<>();

    void add(String funnelStatus, String outcome, BigDecimal wonAmount, Double speed, Double days) {
        handed++;
        if ("accepted".equals(funnelStatus)) {
            accepted++;
        }
        switch (outcome) {
            case "won" -> won++;
            case "lost" -> lost++;
            case "open" -> open++;
            case "no_opportunity" -> noOpportunity++;
            case "rejected" -> rejected++;
            case "never_touched" -> neverTouched++;
            default -> pending++;
        }
        revenue = revenue.add(wonAmount);
        if (speed != null) {
            speedHours.add(speed);
        }
        if (days != null) {
            daysToClose.add(days);
        }
    }

    /** Adds another group's deal outcomes (won, lost, open, revenue). */
    void addOutcomes(CohortFigures o) {
        won += o.won;
        lost += o.lost;
        open += o.open;
        revenue = revenue.add(o.revenue);
    }

    BigDecimal leadToWon() {
        return Ratios.percent(won, handed);
    }

    BigDecimal winRate() {
        return Ratios.percent(won, won + lost);
    }

    BigDecimal revenuePerLead() {
        return Ratios.money(revenue, BigDecimal.valueOf(handed));
    }

    static BigDecimal median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> s = new ArrayList<>(values);
        s.sort(Double::compare);
        int n = s.size();
        double m = n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2.0;
        return Ratios.oneDecimal(m);
    }
}
