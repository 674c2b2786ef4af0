package io.leadledger.reconcile.attribution;

import io.leadledger.jobs.AttributionModelId;

import java.math.BigDecimal;

/** A rule that says how much of a deal each touch on its path earns. */
public interface AttributionModel {

    AttributionModelId id();

    /** The name stored in core_attribution.model. */
    default String name() {
        return id().id();
    }

    /**
     * A non-negative weight for every touch of the path, in path order, not all zero. A deal's amount is
     * split in proportion to them; touches of weight zero get no credit row.
     */
    BigDecimal[] weights(DealPath path);

    static BigDecimal[] zeros(int n) {
        BigDecimal[] w = new BigDecimal[n];
        java.util.Arrays.fill(w, BigDecimal.ZERO);
        return w;
    }
}
