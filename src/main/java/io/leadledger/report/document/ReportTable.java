package io.leadledger.report.document;

import java.util.List;
import java.util.Map;

/**
 * One table of a report. Rows are maps keyed by {@link Column#key()}: Long for INTEGER, BigDecimal for
 * MONEY/PERCENT/DECIMAL, String for TEXT; a value may be null (e.g. cost per lead with no leads).
 * {@code totals} is the totals row (same keys) or null when a total would be meaningless.
 *
 * <p>A grouped table ({@code groupBy} names a TEXT column, rows sorted by it) also carries one subtotal row
 * per group value, in display order: the PDF prints each group's subtotal above its rows, while the XLSX keeps
 * the rows flat so that an analyst can filter and sum them.
 */
public record ReportTable(String key, String title, List<Column> columns, List<Map<String, Object>> rows,
                          Map<String, Object> totals, String groupBy, Map<String, Map<String, Object>> subtotals) {

    public ReportTable(String key, String title, List<Column> columns, List<Map<String, Object>> rows,
                       Map<String, Object> totals) {
        this(key, title, columns, rows, totals, null, Map.of());
    }

    public ReportTable {
        subtotals = subtotals == null ? Map.of() : subtotals;
    }

    public Column column(String key) {
        return columns.stream().filter(c -> c.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no column " + key + " in table " + this.key));
    }

    public boolean grouped() {
        return groupBy != null && !subtotals.isEmpty();
    }
}
