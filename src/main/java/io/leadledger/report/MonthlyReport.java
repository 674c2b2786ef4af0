package io.leadledger.report;

import io.leadledger.report.document.DetailSheet;
import io.leadledger.report.document.ReportDocument;

import java.util.List;

/**
 * One of the monthly reports: a bean per report, found by {@link #id()} in {@link MonthlyReports}. The id names
 * the report in jobs/monthly-reports.yml, its files ({@code <id>-<month>.pdf}) and its template ({@code <id>.jrxml}).
 */
public interface MonthlyReport {

    String id();

    /** The report's own tables and KPIs; {@link ReportService} appends the month's shared sections (insights, appendix). */
    ReportDocument build(ReportContext ctx);

    /** The XLSX detail sheets of the rows behind its figures (the unmatched deals and leads follow on every workbook). */
    List<DetailSheet> detailSheets(ReportContext ctx);

    /** The key of the KPI the report is read for first: the e-mail's headline figure. */
    String headlineKpi();

    /** True for the report whose figures and detail sheet read the most rows: it starts first. */
    default boolean readsMost() {
        return false;
    }
}
