package io.leadledger.report.document;

public record Definition(String term, String meaning) {

    /** How spend is dated and converted; the same words in every report (spendFxDate, README "Configuring"). */
    public static Definition spend(String period, String currency) {
        return new Definition("Spend", "Marketing spend dated in the " + period + ", in " + currency
                + " at the ECB reference rate of the spend date. Spend dated by month only (e.g. 2026-03) is that month's"
                + " total and is converted at the month's average ECB reference rate, unless its source sets spendFxDate"
                + " to first-business-day or row-date.");
    }
}
