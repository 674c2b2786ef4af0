package io.leadledger.reconcile.attribution;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Where touches come from. Today a lead's touches are its member source records; campaign memberships
 * (a CRM's CampaignMember export) would be a second implementation, or be merged into this one's query,
 * as long as each lead's touches arrive together and in time order.
 */
public interface TouchSource {

    /**
     * Calls {@code lead} once per lead of the tenant with the lead key and its touches ordered by time
     * (ties: source name, record id). Within the reconcile transaction, so it sees this run's core tables.
     */
    void forEachLead(String tenant, BiConsumer<String, List<Touch>> lead);
}
