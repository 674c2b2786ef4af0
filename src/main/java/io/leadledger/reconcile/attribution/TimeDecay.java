package io.leadledger.reconcile.attribution;

import io.leadledger.jobs.AttributionModelId;

import java.math.BigDecimal;
import java.time.temporal.ChronoUnit;

/**
 * Weight 2^(-age / half-life), the age being whole days from the touch's date to the deal's close date:
 * the close is the one date every deal has, and a day is the resolution of a close date.
 */
public final class TimeDecay implements AttributionModel {

    private final double halfLifeDays;

    public TimeDecay(double halfLifeDays) {
        this.halfLifeDays = halfLifeDays;
    }

    @Override
    public AttributionModelId id() {
        return AttributionModelId.TIME_DECAY;
    }

    @Override
    public BigDecimal[] weights(DealPath path) {
        long[] age = new long[path.size()];
        long youngest = Long.MAX_VALUE;
        for (int i = 0; i < age.length; i++) {
            age[i] = Math.max(0, ChronoUnit.DAYS.between(path.touches().get(i).at().toLocalDate(), path.closeDate()));
            youngest = Math.min(youngest, age[i]);
        }
        BigDecimal[] w = new BigDecimal[age.length];
        for (int i = 0; i < w.length; i++) {
            // relative to the youngest touch, so years-old paths do not underflow to all zeros (same ratios);
            // StrictMath and the double's exact value: the same weights on every JVM
            w[i] = new BigDecimal(StrictMath.pow(2, -(age[i] - youngest) / halfLifeDays));
        }
        return w;
    }
}
