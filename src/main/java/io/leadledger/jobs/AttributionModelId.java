package io.leadledger.jobs;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The attribution models, by the id written in jobs/leadledger.yml ({@code attribution.defaultModel}) and stored in
 * core_attribution.model, in the order the reports list them: single-touch first, then position-based, then
 * data-driven. The reconcile step computes each ({@code reconcile.attribution.AttributionModels}).
 */
public enum AttributionModelId {
    FIRST_TOUCH("first_touch", "First touch"),
    LAST_TOUCH("last_touch", "Last touch"),
    LINEAR("linear", "Linear"),
    U_SHAPED("u_shaped", "U-shaped"),
    W_SHAPED("w_shaped", "W-shaped"),
    FULL_PATH("full_path", "Full path"),
    TIME_DECAY("time_decay", "Time decay"),
    MARKOV("markov", "Markov");

    private final String id;
    private final String label;

    AttributionModelId(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** As written in the configuration and in core_attribution.model. */
    public String id() {
        return id;
    }

    /** As the reports name it. */
    public String label() {
        return label;
    }

    public static Optional<AttributionModelId> of(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
    }

    /** Every id, in report order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(AttributionModelId::id).toList();
    }
}
