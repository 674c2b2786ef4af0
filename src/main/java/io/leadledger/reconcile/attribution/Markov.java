package io.leadledger.reconcile.attribution;

import io.leadledger.jobs.AttributionModelId;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Data-driven credit: a deal is split across the channels on its path in proportion to their removal
 * effects (Anderl et al. 2016); a channel's part is shared equally by its touches on the path, so
 * campaigns get credit too. A path whose channels all have no removal effect (P(conversion) = 0, or
 * channels seen only after a lead's first won deal) is split equally over its touches.
 */
public final class Markov implements AttributionModel {

    private final Map<String, BigDecimal> removalEffects;

    public Markov(RemovalEffects effects) {
        this.removalEffects = effects.byChannel();
    }

    @Override
    public AttributionModelId id() {
        return AttributionModelId.MARKOV;
    }

    @Override
    public BigDecimal[] weights(DealPath path) {
        Map<String, Integer> touchesPerChannel = new LinkedHashMap<>();
        path.touches().forEach(t -> touchesPerChannel.merge(t.channel(), 1, Integer::sum));
        BigDecimal[] w = new BigDecimal[path.size()];
        boolean any = false;
        for (int i = 0; i < w.length; i++) {
            String channel = path.touches().get(i).channel();
            BigDecimal effect = removalEffects.getOrDefault(channel, BigDecimal.ZERO);
            w[i] = effect.divide(BigDecimal.valueOf(touchesPerChannel.get(channel)), MathContext.DECIMAL128);
            any |= w[i].signum() > 0;
        }
        return any ? w : new Linear().weights(path);
    }
}
