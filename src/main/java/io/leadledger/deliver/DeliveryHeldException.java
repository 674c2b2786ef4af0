package io.leadledger.deliver;

import java.time.YearMonth;

/** The freshness gate kept the reports from executives; the message says why, for the operations alert. */
public class DeliveryHeldException extends RuntimeException {

    private final YearMonth month;

    public DeliveryHeldException(YearMonth month, int recipients, FreshnessGate.Freshness freshness) {
        super("reports for " + month + " held back from " + recipients + " recipient" + (recipients == 1 ? "" : "s") + ": "
                + freshness.reasons());
        this.month = month;
    }

    public YearMonth month() {
        return month;
    }
}
