package io.leadledger.reconcile.attribution;

import io.leadledger.jobs.AttributionModelId;

import java.math.BigDecimal;

/** The whole amount to the last touch on or before the close date. */
public final class LastTouch implements AttributionModel {

    @Override
    public AttributionModelId id() {
        return AttributionModelId.LAST_TOUCH;
    }

    @Override
    public BigDecimal[] weights(DealPath path) {
        BigDecimal[] w = AttributionModel.zeros(path.size());
        w[path.size() - 1] = BigDecimal.ONE;
        return w;
    }
}
