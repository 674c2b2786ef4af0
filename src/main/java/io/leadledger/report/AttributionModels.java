package io.leadledger.report;

import io.leadledger.jobs.AttributionSettings;
import io.leadledger.jobs.TenantSettings;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Names, display order and default weights of the attribution models core_attribution may hold. The reports
 * show whichever models are present, in {@link #ORDER}; a model not listed there follows, alphabetically.
 */
public final class AttributionModels {

    public static final String FIRST_TOUCH = "first_touch";

    /** Single-touch models first, then position-based, then data-driven. */
    public static final List<String> ORDER = List.of(FIRST_TOUCH, "last_touch", "linear", "u_shaped", "w_shaped",
            "full_path", "time_decay", "markov");

    private AttributionModels() {
    }

    /** The model the marts credit revenue with: attribution.defaultModel in jobs/leadledger.yml. */
    public static String defaultModel(TenantSettings tenant) {
        return tenant.attribution().defaultModel();
    }

    public static List<String> sorted(Collection<String> present) {
        List<String> out = new ArrayList<>();
        for (String m : ORDER) {
            if (present.contains(m)) {
                out.add(m);
            }
        }
        new TreeSet<>(present).stream().filter(m -> !ORDER.contains(m)).forEach(out::add);
        return out;
    }

    public static String label(String model) {
        return switch (model) {
            case FIRST_TOUCH -> "First touch";
            case "last_touch" -> "Last touch";
            case "linear" -> "Linear";
            case "u_shaped" -> "U-shaped";
            case "w_shaped" -> "W-shaped";
            case "full_path" -> "Full path";
            case "time_decay" -> "Time decay";
            case "markov" -> "Markov";
            default -> {
                String s = model.replace('_', ' ');
                yield s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
            }
        };
    }

    /** How the model shares a won deal's amount among the lead's touches, with its standard weights. */
    public static String weights(String model) {
        return weights(model, AttributionSettings.DEFAULTS);
    }

    /** As {@link #weights(String)}, with the tenant's own U-shaped weights and time-decay half-life. */
    public static String weights(String model, AttributionSettings settings) {
        AttributionSettings.UShapedWeights u = settings.uShaped();
        return switch (model) {
            case FIRST_TOUCH -> "100% to the first touch.";
            case "last_touch" -> "100% to the last touch on or before the close date.";
            case "linear" -> "Equal shares to every touch.";
            case "u_shaped" -> percent(u.first()) + " first touch, " + percent(u.middle())
                    + " shared by the touches between, " + percent(u.leadCreation()) + " the lead-creation touch.";
            case "w_shaped" -> "30% first touch, 30% lead creation, 30% opportunity creation, 10% shared by the touches "
                    + "between them.";
            case "full_path" -> "22.5% each to first touch, lead creation, opportunity creation and closed-won; "
                    + "10% shared by the touches between them.";
            case "time_decay" -> "More credit to touches closer to the close: a touch's weight halves every "
                    + BigDecimal.valueOf(settings.timeDecayHalfLifeDays()).stripTrailingZeros().toPlainString()
                    + " days back from the close date.";
            case "markov" -> "Data-driven: each channel's removal effect on the conversion paths of all leads.";
            default -> "See the attribution configuration.";
        };
    }

    private static String percent(BigDecimal weight) {
        return weight.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
}
