package io.leadledger.report;

import java.util.List;
import java.util.Map;

/**
 * One table of a report. Rows are maps keyed by {@link Column#key()}: Long for INTEGER, BigDecimal for
 * MONEY/PERCENT/DECIMAL, String for TEXT; a value may be null (e.g. cost per lead with no leads).
 * {@code totals} is the totals row (same keys) or null when a total would be meaningless.
 */
public record ReportTable(String key, String title, List<Column> columns, List<Map<String, Object>> rows,
                          Map<String, Object> totals) {

    public Column column(String key) {
        return columns.stream().filter(c -> c.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no column " + key + " in table " + this.key));
    }
}
