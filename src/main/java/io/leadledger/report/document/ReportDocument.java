package io.leadledger.report.document;

import io.leadledger.report.insights.Insight;

import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one report shows, computed once from the marts; the PDF and XLSX renderers (and the e-mail
 * body) all draw from this object, which is what keeps their figures identical.
 *
 * @param id       report id: lead-production, sales-performance or roi
 * @param tables   by table key, in display order
 * @param insights what to grow, cut and what changed: the first page of the PDF, a sheet of the XLSX
 * @param charts   native charts of the XLSX
 */
public record ReportDocument(String id, String title, String tenantName, YearMonth month, String currency,
                             ZonedDateTime generatedAt, List<Kpi> kpis, Map<String, ReportTable> tables,
                             List<Definition> definitions, List<Insight> insights, List<ChartSpec> charts) {

    public ReportDocument(String id, String title, String tenantName, YearMonth month, String currency,
                          ZonedDateTime generatedAt, List<Kpi> kpis, Map<String, ReportTable> tables,
                          List<Definition> definitions) {
        this(id, title, tenantName, month, currency, generatedAt, kpis, tables, definitions, List.of(), List.of());
    }

    public ReportDocument {
        insights = insights == null ? List.of() : List.copyOf(insights);
        charts = charts == null ? List.of() : List.copyOf(charts);
    }

    public ReportTable table(String key) {
        ReportTable t = tables.get(key);
        if (t == null) {
            throw new IllegalArgumentException("report " + id + " has no table " + key);
        }
        return t;
    }

    /**
     * This document with the month's shared sections: their tables after the report's own, the insights, and
     * the insights' definitions after the report's own.
     */
    public ReportDocument withShared(Map<String, ReportTable> sharedTables, List<Insight> shared,
                                     List<Definition> insightDefinitions) {
        Map<String, ReportTable> all = new LinkedHashMap<>(tables);
        all.putAll(sharedTables);
        List<Definition> defs = new ArrayList<>(definitions == null ? List.of() : definitions);
        defs.addAll(insightDefinitions);
        return new ReportDocument(id, title, tenantName, month, currency, generatedAt, kpis, all, List.copyOf(defs),
                shared, charts);
    }
}
