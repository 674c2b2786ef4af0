package io.leadledger.reconcile.attribution;

import io.leadledger.jobs.AttributionModelId;
import io.leadledger.jobs.AttributionSettings;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Fixed weights on milestone touches plus a weight spread evenly over the touches between the first and
 * the last milestone (U-shaped, W-shaped, full path). Milestones that fall on the same touch add their
 * weights on it. Touches after the model's last milestone get nothing (a U-shaped model describes how
 * the lead was won, not the deal). With no touch in between, the middle weight is not spent and the
 * milestones share the whole amount in proportion to their weights (40/40 becomes 50/50).
 */
public final class PositionBased implements AttributionModel {

    private final AttributionModelId id;
    private final Map<Milestone, BigDecimal> milestones;
    private final BigDecimal middle;

    public PositionBased(AttributionModelId id, Map<Milestone, BigDecimal> milestones, BigDecimal middle) {
        this.id = id;
        this.milestones = new EnumMap<>(milestones);
        this.middle = middle;
    }

    public static PositionBased uShaped(AttributionSettings.UShapedWeights w) {
        return new PositionBased(AttributionModelId.U_SHAPED, Map.of(Milestone.FIRST_TOUCH, w.first(), Milestone.LEAD_CREATION,
                w.leadCreation()), w.middle());
    }

    /** 30 / 30 / 30 on first touch, lead creation and opportunity creation, 10 between. */
    public static PositionBased wShaped() {
        BigDecimal m = new BigDecimal("0.3");
        return new PositionBased(AttributionModelId.W_SHAPED, Map.of(Milestone.FIRST_TOUCH, m, Milestone.LEAD_CREATION, m,
                Milestone.OPPORTUNITY_CREATION, m), new BigDecimal("0.1"));
    }

    /** 22.5 on each of the four milestones, 10 between. */
    public static PositionBased fullPath() {
        BigDecimal m = new BigDecimal("0.225");
        return new PositionBased(AttributionModelId.FULL_PATH, Map.of(Milestone.FIRST_TOUCH, m, Milestone.LEAD_CREATION, m,
                Milestone.OPPORTUNITY_CREATION, m, Milestone.CLOSED_WON, m), new BigDecimal("0.1"));
    }

    @Override
    public AttributionModelId id() {
        return id;
    }

    @Override
    public BigDecimal[] weights(DealPath path) {
        BigDecimal[] w = AttributionModel.zeros(path.size());
        boolean[] milestone = new boolean[path.size()];
        int last = 0;
        for (Map.Entry<Milestone, BigDecimal> e : milestones.entrySet()) {
            int i = path.index(e.getKey());
            w[i] = w[i].add(e.getValue());
            milestone[i] = true;
            last = Math.max(last, i);
        }
        List<Integer> between = new ArrayList<>();
        for (int i = path.index(Milestone.FIRST_TOUCH) + 1; i < last; i++) {
            if (!milestone[i]) {
                between.add(i);
            }
        }
        if (!between.isEmpty()) {
            BigDecimal each = middle.divide(BigDecimal.valueOf(between.size()), MathContext.DECIMAL128);
            between.forEach(i -> w[i] = w[i].add(each));
        }
        return w;
    }
}
