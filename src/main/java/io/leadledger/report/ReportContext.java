package io.leadledger.report;

import io.leadledger.jobs.TenantSettings;
import io.leadledger.report.figures.DataCoverage;

import java.time.YearMonth;
import java.time.ZonedDateTime;

/**
 * What one report run is about: tenant, month, when it was generated, and which inputs the tenant supplied
 * ({@link DataCoverage}: the reports leave out what they have no data for).
 */
public record ReportContext(TenantSettings tenant, YearMonth month, ZonedDateTime generatedAt, DataCoverage coverage) {

    public ReportContext {
        coverage = coverage == null ? DataCoverage.FULL : coverage;
    }

    /** A run that assumes every input was supplied. */
    public ReportContext(TenantSettings tenant, YearMonth month, ZonedDateTime generatedAt) {
        this(tenant, month, generatedAt, DataCoverage.FULL);
    }

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

    /** Whether a month holds data to compare with: false for a month before the data begins. */
    public boolean comparable(YearMonth last) {
        return coverage.comparable(last);
    }

    public boolean spend() {
        return coverage.spend();
    }

    /** Without a first-activity date, a lead with no verdict cannot be told "never touched" from "being worked". */
    public boolean touchMeasured() {
        return coverage.firstTouch();
    }
}
