package io.leadledger.report.figures;

import java.util.LinkedHashMap;
import java.util.Map;

/** Why a deal or a lead is unmatched (core_unmatched_deal / core_unmatched_lead.reason), in words, in report order. */
public final class UnmatchedReasons {

    /** The reconcile step's codes (sql/core/core_unmatched_deal.sql, core_unmatched_lead.sql) -> what the reports say. */
    public static final Map<String, String> DEALS = ordered(
            "no_reference", "no lead id, e-mail or account domain",
            "lead_ref_not_found", "its lead id is no lead record's",
            "lead_ref_ambiguous", "its lead id is a record of several leads",
            "email_not_found", "e-mail not found, no lead at its company domain",
            "no_lead_at_domain", "no e-mail, no lead at its account's domain",
            "free_mail_domain", "e-mail not found, free-mail domain (never matched by domain)",
            "ambiguous_domain", "domain shared by several accounts (never matched by domain)",
            "override_lead_not_found", "link override names a lead that does not exist",
            "override_no_lead", "link override: no lead, on purpose");

    public static final Map<String, String> LEADS = ordered(
            "customer_without_deal", "customer in the marketing tool, no deal linked",
            "opportunity_without_deal", "opportunity in the marketing tool, no deal linked");

    private UnmatchedReasons() {
    }

    public static String deal(String code) {
        return DEALS.getOrDefault(code, code);
    }

    public static String lead(String code) {
        return LEADS.getOrDefault(code, code);
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
