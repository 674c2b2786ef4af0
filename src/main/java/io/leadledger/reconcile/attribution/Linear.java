package io.leadledger.reconcile.attribution;

import io.leadledger.jobs.AttributionModelId;

import java.math.BigDecimal;
import java.util.Arrays;

/** Equal credit to every touch on the path. */
public final class Linear implements AttributionModel {

    @Override
    public AttributionModelId id() {
        return AttributionModelId.LINEAR;
    }

    @Override
    public BigDecimal[] weights(DealPath path) {
        BigDecimal[] w = new BigDecimal[path.size()];
        Arrays.fill(w, BigDecimal.ONE);
        return w;
    }
}
