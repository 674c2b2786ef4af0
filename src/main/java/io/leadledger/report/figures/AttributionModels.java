package io.leadledger.report.figures;

import io.leadledger.jobs.AttributionModelId;
import io.leadledger.jobs.AttributionSettings;
import io.leadledger.jobs.TenantSettings;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * How the reports name and describe the attribution models core_attribution may hold. The reports show whichever
 * models are present, in {@link AttributionModelId} order; a model id not known there follows, alphabetically.
 */
public final class AttributionModels {

    private AttributionModels() {
    }

    /** The model the marts credit revenue with: attribution.defaultModel in jobs/leadledger.yml. */
    public static String defaultModel(TenantSettings tenant) {
        return tenant.attribution().defaultModel();
    }

    public static List<String> sorted(Collection<String> present) {
        List<String> out = new ArrayList<>();
        for (String m : AttributionModelId.ids()) {
            if (present.contains(m)) {
                out.add(m);
            }
        }
        new TreeSet<>(present).stream().filter(m -> AttributionModelId.of(m).isEmpty()).forEach(out::add);
        return out;
    }

    public static String label(String model) {
        return AttributionModelId.of(model).map(AttributionModelId::label).orElseGet(() -> {
            String s = model.replace('_', ' ');
            return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
        });
    }

    /** How the model shares a won deal's amount among the lead's touches, with its standard weights. */
    public static String weights(String model) {
        return weights(model, AttributionSettings.DEFAULTS);
    }

    /** As {@link #weights(String)}, with the tenant's own U-shaped weights and time-decay half-life. */
    public static String weights(String model, AttributionSettings settings) {
        AttributionSettings.UShapedWeights u = settings.uShaped();
        return AttributionModelId.of(model).map(m -> switch (m) {
            case FIRST_TOUCH -> "100% to the first touch.";
            case LAST_TOUCH -> "100% to the last touch on or before the close date.";
            case LINEAR -> "Equal shares to every touch.";
            case U_SHAPED -> percent(u.first()) + " first touch, " + percent(u.middle())
                    + " shared by the touches between, " + percent(u.leadCreation()) + " the lead-creation touch.";
            case W_SHAPED -> "30% first touch, 30% lead creation, 30% opportunity creation, 10% shared by the touches "
                    + "between them.";
            case FULL_PATH -> "22.5% each to first touch, lead creation, opportunity creation and closed-won; "
                    + "10% shared by the touches between them.";
            case TIME_DECAY -> "More credit to touches closer to the close: a touch's weight halves every "
                    + BigDecimal.valueOf(settings.timeDecayHalfLifeDays()).stripTrailingZeros().toPlainString()
                    + " days back from the close date.";
            case MARKOV -> "Data-driven: each channel's removal effect on the conversion paths of all leads.";
        }).orElse("See the attribution configuration.");
    }

    private static String percent(BigDecimal weight) {
        return weight.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
}
