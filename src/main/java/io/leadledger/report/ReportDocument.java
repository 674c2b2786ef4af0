package io.leadledger.report;

import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * Everything one report shows, computed once from the marts; the PDF and XLSX renderers both draw
 * from this object, which is what keeps their figures identical.
 *
 * @param id     report id: lead-production, sales-performance or roi
 * @param tables by table key, in display order
 */
public record ReportDocument(String id, String title, String tenantName, YearMonth month, String currency,
                             ZonedDateTime generatedAt, List<Kpi> kpis, Map<String, ReportTable> tables,
                             List<Definition> definitions) {

    public ReportTable table(String key) {
        ReportTable t = tables.get(key);
        if (t == null) {
            throw new IllegalArgumentException("report " + id + " has no table " + key);
        }
        return t;
    }
}
