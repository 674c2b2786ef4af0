package io.leadledger.demo;

import java.time.LocalDate;
import java.util.List;

/**
 * The spend actuals spreadsheet marketing keeps: one line per campaign and month, and the trade-show cost breakdown
 * its formulas add up. {@code lines} is mutable: the dirtying replaces some.
 */
record MarketingBudget(List<BudgetRow> lines, List<NoteRow> notes) {

    static final String TITLE = "Marketing spend actuals";

    /** One budget line. {@code formula} (without "=") if the amount is a formula; {@code dirty}: Amount is text "n/a". */
    record BudgetRow(LocalDate month, String channel, String campaign, String currency, double amount, String formula,
                     boolean dirty) {
        BudgetRow asDirty() {
            return new BudgetRow(month, channel, campaign, currency, amount, null, true);
        }
    }

    /** One line of the trade-show cost breakdown on the Notes sheet. */
    record NoteRow(String event, String item, double amount) {}
}
