package io.leadledger.report.figures;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Outcomes of a group of handed leads, as of the last reconcile. */
public final class CohortFigures {
    public long handed;
    public long accepted;
    public long rejected;
    public long neverTouched;
    public long noOpportunity;
    public long open;
    public long won;
    public long lost;
    public long pending;
    public BigDecimal revenue = BigDecimal.ZERO;
    public final List<Double> speedHours = new ArrayList<>();
    public final List<Double> daysToClose = new ArrayList<>();

    public void add(String funnelStatus, String outcome, BigDecimal wonAmount, Double speed, Double days) {
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
    public void addOutcomes(CohortFigures o) {
        won += o.won;
        lost += o.lost;
        open += o.open;
        revenue = revenue.add(o.revenue);
    }

    public BigDecimal leadToWon() {
        return Ratios.percent(won, handed);
    }

    public BigDecimal winRate() {
        return Ratios.percent(won, won + lost);
    }

    public BigDecimal revenuePerLead() {
        return Ratios.money(revenue, BigDecimal.valueOf(handed));
    }

    public static BigDecimal median(List<Double> values) {
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
