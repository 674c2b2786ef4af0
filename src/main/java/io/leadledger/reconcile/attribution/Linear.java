package io.leadledger.reconcile.attribution;

import java.math.BigDecimal;
import java.util.Arrays;

/** Equal credit to every touch on the path. */
public final class Linear implements AttributionModel {

    @Override
    public String name() {
        return "linear";
    }

    @Override
    public BigDecimal[] weights(DealPath path) {
        BigDecimal[] w = new BigDecimal[path.size()];
        Arrays.fill(w, BigDecimal.ONE);
        return w;
    }
}
