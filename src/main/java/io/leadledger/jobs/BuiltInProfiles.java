package io.leadledger.jobs;

import java.util.List;

/** The mapping profiles shipped in the jar (src/main/resources/profiles). */
public final class BuiltInProfiles {
    public static final List<String> NAMES = List.of("hubspot-contacts", "hubspot-deals", "marketo-leads",
            "salesforce-leads", "salesforce-opportunities", "pipedrive-deals", "google-ads-campaigns",
            "linkedin-ads-campaigns", "meta-ads-campaigns", "budget-xlsx", "hubspot-api-contacts", "hubspot-api-deals", "pipedrive-api-persons",
            "pipedrive-api-deals", "salesforce-api-leads", "salesforce-api-contacts", "salesforce-api-opportunities",
            "salesforce-api-campaign-members", "salesforce-campaign-members", "marketo-activities", "marketo-api-leads",
            "marketo-api-activities");

    private BuiltInProfiles() {
    }
}
