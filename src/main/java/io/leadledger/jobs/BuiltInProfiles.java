package io.leadledger.jobs;

import java.util.List;

/** The mapping profiles shipped in the jar (src/main/resources/profiles). */
final class BuiltInProfiles {
    static final List<String> NAMES = List.of("hubspot-contacts", "marketo-leads", "salesforce-opportunities",
            "google-ads-campaigns", "budget-xlsx");

    private BuiltInProfiles() {
    }
}
