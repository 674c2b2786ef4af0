package io.leadledger.reconcile.attribution;

import io.leadledger.jobs.AttributionModelId;

import java.math.BigDecimal;

/** The whole amount to the touch that first brought the lead in. */
public final class FirstTouch implements AttributionModel {

    @Override
    public AttributionModelId id() {
        return AttributionModelId.FIRST_TOUCH;
    }

    @Override
    public BigDecimal[] weights(DealPath path) {
        BigDecimal[] w = AttributionModel.zeros(path.size());
        w[0] = BigDecimal.ONE;
        return w;
    }
}
