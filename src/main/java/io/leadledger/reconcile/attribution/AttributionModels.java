package io.leadledger.reconcile.attribution;

import io.leadledger.jobs.AttributionModelId;
import io.leadledger.jobs.AttributionSettings;

import java.util.Arrays;
import java.util.List;

/** Every model a tenant's deals are credited under, configured from jobs/leadledger.yml. */
public final class AttributionModels {

    private AttributionModels() {
    }

    /** One per {@link AttributionModelId}, in its order (the switch makes a new id need its model). */
    public static List<AttributionModel> all(AttributionSettings settings, RemovalEffects effects) {
        return Arrays.stream(AttributionModelId.values()).map(id -> switch (id) {
            case FIRST_TOUCH -> (AttributionModel) new FirstTouch();
            case LAST_TOUCH -> new LastTouch();
            case LINEAR -> new Linear();
            case U_SHAPED -> PositionBased.uShaped(settings.uShaped());
            case W_SHAPED -> PositionBased.wShaped();
            case FULL_PATH -> PositionBased.fullPath();
            case TIME_DECAY -> new TimeDecay(settings.timeDecayHalfLifeDays());
            case MARKOV -> new Markov(effects);
        }).toList();
    }
}
