package io.leadledger.demo;

import java.util.List;
import java.util.Random;

import io.leadledger.demo.DemoPeople.Region;

/** Northwind's people who own leads and deals, and who exports the files. */
final class SalesTeam {

    private static final List<String> SALES_US = List.of("Marcus Chen", "Ethan Brooks", "Ava Patel", "Ryan Nakamura",
            "Olivia Grant");
    private static final List<String> SALES_EMEA = List.of("Sofia Rossi", "Hannah Schmidt", "Noah Fischer",
            "Chloe Dubois");
    private static final String SALES_UK = "Liam O'Connor";

    static final List<String> MARKETING_OPS = List.of("Priya Raman", "Tom Becker", "Isabel Ortiz");
    /** Keeps the budget spreadsheet. */
    static final String BUDGET_OWNER = MARKETING_OPS.get(0);
    static final String SALESFORCE_REPORT_USER = "Dana Whitfield";

    private SalesTeam() {
    }

    /** The rep of the lead's territory; the UK has its own rep, who is sometimes out and covered by EMEA. */
    static String salesOwner(Region region, Random r) {
        return switch (region) {
            case US -> DemoPeople.pick(SALES_US, r);
            case UK -> r.nextDouble() < 0.7 ? SALES_UK : DemoPeople.pick(SALES_EMEA, r);
            default -> DemoPeople.pick(SALES_EMEA, r);
        };
    }
}
