package io.leadledger.jobs;

import java.math.BigDecimal;
import java.util.List;

/**
 * The monthly reports job (jobs/monthly-reports.yml).
 *
 * @param paperSize        PDF paper: "A4" or "Letter"
 * @param insightsMinSpend a campaign spending less than this (reporting currency) over the judged months is never
 *                         recommended for a cut, nor a source for growth: too little money to judge
 */
public record ReportsDefinition(String job, String cron, String timezone, List<String> reports, List<String> formats,
                                String outDir, String paperSize, List<String> recipients, BigDecimal insightsMinSpend) {

    public static final BigDecimal DEFAULT_INSIGHTS_MIN_SPEND = BigDecimal.valueOf(5000);
    /**
     * The report ids monthly-reports.yml accepts, in their default order. The reports themselves are the
     * {@code report.MonthlyReport} beans; {@code report.MonthlyReports} fails at start-up if the two disagree.
     */
    public static final List<String> KNOWN_REPORTS = List.of("lead-production", "sales-performance", "roi");

    public ReportsDefinition(String job, String cron, String timezone, List<String> reports, List<String> formats,
                             String outDir, String paperSize, List<String> recipients) {
        this(job, cron, timezone, reports, formats, outDir, paperSize, recipients, DEFAULT_INSIGHTS_MIN_SPEND);
    }
}
