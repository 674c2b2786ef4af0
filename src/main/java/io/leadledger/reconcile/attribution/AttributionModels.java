package io.leadledger.reconcile.attribution;

import io.leadledger.jobs.AttributionSettings;

import java.util.List;

/** Every model a tenant's deals are credited under, configured from jobs/leadledger.yml. */
public final class AttributionModels {

    private AttributionModels() {
    }

    /** In the order of {@link AttributionSettings#MODELS}. */
    public static List<AttributionModel> all(AttributionSettings settings, RemovalEffects effects) {
        return List.of(new FirstTouch(), new LastTouch(), new Linear(), PositionBased.uShaped(settings.uShaped()),
                PositionBased.wShaped(), PositionBased.fullPath(), new TimeDecay(settings.timeDecayHalfLifeDays()),
                new Markov(effects));
    }
}
