package io.leadledger.report;

import io.leadledger.jobs.TenantSettings;

import java.time.YearMonth;
import java.time.ZonedDateTime;

/** What one report run is about: tenant, month, and when it was generated. */
public record ReportContext(TenantSettings tenant, YearMonth month, ZonedDateTime generatedAt) {

    public static int key(YearMonth m) {
        return m.getYear() * 100 + m.getMonthValue();
    }

    public int monthKey() {
        return key(month);
    }

    /** First month of the trailing-12-month window ending with the report month. */
    public int firstOf12() {
        return key(month.minusMonths(11));
    }
}
