package io.leadledger.reconcile.attribution;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The removal effect of every channel: 1 - P(conversion without the channel) / P(conversion), stored
 * and used at 10 decimals, so the Markov credits can be recomputed from core_removal_effect.
 *
 * @param conversionProbability P(conversion) with every channel present
 */
public record RemovalEffects(long journeys, long conversions, BigDecimal conversionProbability,
                             List<Channel> channels) {

    /**
     * @param journeys    journeys that touch the channel
     * @param conversions of which converted
     * @param without     P(conversion) with the channel removed
     * @param share       removal effect / sum of all removal effects (6 decimals, adds up to 1): the
     *                    channel's part of all conversions
     */
    public record Channel(String channel, long journeys, long conversions, BigDecimal without, BigDecimal removalEffect,
                          BigDecimal share) {
    }

    record ChannelEffect(String channel, long journeys, long conversions, double without, double removalEffect) {
    }

    static RemovalEffects of(long journeys, long conversions, double all, List<ChannelEffect> effects) {
        BigDecimal[] re = new BigDecimal[effects.size()];
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < re.length; i++) {
            re[i] = p(effects.get(i).removalEffect());
            sum = sum.add(re[i]);
        }
        BigDecimal[] shares = new BigDecimal[re.length];
        if (sum.signum() > 0) {
            BigDecimal[] fractions = new BigDecimal[re.length];
            for (int i = 0; i < re.length; i++) {
                fractions[i] = re[i].divide(sum, java.math.MathContext.DECIMAL128);
            }
            shares = CreditSplit.shares(fractions);
        } else {
            java.util.Arrays.fill(shares, BigDecimal.ZERO.setScale(6));
        }
        List<Channel> channels = new ArrayList<>();
        for (int i = 0; i < re.length; i++) {
            ChannelEffect e = effects.get(i);
            channels.add(new Channel(e.channel(), e.journeys(), e.conversions(), p(e.without()), re[i], shares[i]));
        }
        return new RemovalEffects(journeys, conversions, p(all), List.copyOf(channels));
    }

    private static BigDecimal p(double v) {
        return new BigDecimal(v).setScale(10, RoundingMode.HALF_UP);
    }

    /** Removal effect by channel; channels never seen on a journey are absent. */
    public Map<String, BigDecimal> byChannel() {
        Map<String, BigDecimal> m = new HashMap<>();
        channels.forEach(c -> m.put(c.channel(), c.removalEffect()));
        return m;
    }
}
