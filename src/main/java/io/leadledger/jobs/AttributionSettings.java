package io.leadledger.jobs;

import java.math.BigDecimal;
import java.util.List;

/**
 * How revenue is credited to sources and campaigns (the {@code attribution:} section of jobs/leadledger.yml).
 * Every model is computed on every run; {@code defaultModel} only picks the one the marts and the ROI
 * report's headline figures use.
 *
 * @param defaultModel          the id of one of the {@link AttributionModelId}s, as written in the configuration
 * @param uShaped               weights of the U-shaped model
 * @param timeDecayHalfLifeDays a touch this many days before the close gets half the weight of one on the close date
 */
public record AttributionSettings(String defaultModel, UShapedWeights uShaped, Double timeDecayHalfLifeDays) {

    /** Every model the reconcile step writes to core_attribution, by the name stored in its {@code model} column. */
    public static final List<String> MODELS = AttributionModelId.ids();

    public static final AttributionSettings DEFAULTS = new AttributionSettings(null, null, null);

    public AttributionSettings {
        defaultModel = defaultModel == null ? AttributionModelId.FIRST_TOUCH.id() : defaultModel;
        if (AttributionModelId.of(defaultModel).isEmpty()) {
            throw new IllegalArgumentException("defaultModel: unknown model '" + defaultModel + "' (known: "
                    + String.join(", ", MODELS) + ")");
        }
        uShaped = uShaped == null ? UShapedWeights.CLASSIC : uShaped;
        timeDecayHalfLifeDays = timeDecayHalfLifeDays == null ? 7.0 : timeDecayHalfLifeDays;
        if (!(timeDecayHalfLifeDays > 0) || timeDecayHalfLifeDays.isInfinite()) {
            throw new IllegalArgumentException("timeDecayHalfLifeDays must be a positive number of days, not "
                    + timeDecayHalfLifeDays);
        }
    }

    /**
     * U-shaped weights: the first touch, the lead-creation touch, and what is spread over the touches between
     * them. Either the three weights (adding up to 1) or a {@code preset}.
     */
    public record UShapedWeights(BigDecimal first, BigDecimal leadCreation, BigDecimal middle, String preset) {

        /** 40 / 20 / 40, the common textbook U. */
        public static final UShapedWeights CLASSIC = new UShapedWeights(new BigDecimal("0.4"), new BigDecimal("0.4"),
                new BigDecimal("0.2"), null);
        /** 50 / 50 to first touch and lead creation, nothing between, as Marketo Measure's U-shaped model does. */
        public static final UShapedWeights MARKETO_MEASURE = new UShapedWeights(new BigDecimal("0.5"),
                new BigDecimal("0.5"), BigDecimal.ZERO, null);

        public UShapedWeights {
            if (preset != null) {
                if (first != null || leadCreation != null || middle != null) {
                    throw new IllegalArgumentException("uShaped: give either 'preset' or the weights first, leadCreation, middle, not both");
                }
                UShapedWeights p = switch (preset) {
                    case "classic" -> CLASSIC;
                    case "marketo-measure" -> MARKETO_MEASURE;
                    default -> throw new IllegalArgumentException("uShaped: unknown preset '" + preset
                            + "' (classic = 0.4/0.4/0.2, marketo-measure = 0.5/0.5/0)");
                };
                first = p.first;
                leadCreation = p.leadCreation;
                middle = p.middle;
            } else {
                if (first == null || leadCreation == null || middle == null) {
                    throw new IllegalArgumentException("uShaped: give all three weights first, leadCreation and middle"
                            + " (or a preset: classic, marketo-measure)");
                }
                for (BigDecimal w : List.of(first, leadCreation, middle)) {
                    if (w.signum() < 0) {
                        throw new IllegalArgumentException("uShaped: weights cannot be negative (" + w.toPlainString() + ")");
                    }
                }
                BigDecimal sum = first.add(leadCreation).add(middle);
                // YAML numbers arrive as doubles: 0.1 + 0.2 need not be exactly 0.3
                if (sum.subtract(BigDecimal.ONE).abs().compareTo(new BigDecimal("1e-9")) > 0) {
                    throw new IllegalArgumentException("uShaped: first + leadCreation + middle must add up to 1, they add up to "
                            + sum.toPlainString());
                }
            }
        }
    }
}
