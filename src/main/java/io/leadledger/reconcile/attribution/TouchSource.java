package io.leadledger.reconcile.attribution;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Where touches come from: a lead's member source records (leadRecord = true) and the campaign touches that
 * int_touch.sql gave it (leadRecord = false), in {@link JourneyTouchSource}'s one streamed query. Each lead's
 * touches arrive together and in time order.
 */
public interface TouchSource {

    /**
     * Calls {@code lead} once per lead of the tenant with the lead key and its touches ordered by time
     * (ties: source name, record id). Within the reconcile transaction, so it sees this run's core tables.
     */
    void forEachLead(String tenant, BiConsumer<String, List<Touch>> lead);

    /** As {@link #forEachLead(String, BiConsumer)}, or (scoped) only the leads in the night's scope. */
    default void forEachLead(String tenant, boolean scoped, BiConsumer<String, List<Touch>> lead) {
        if (scoped) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " reads every lead");
        }
        forEachLead(tenant, lead);
    }
}
