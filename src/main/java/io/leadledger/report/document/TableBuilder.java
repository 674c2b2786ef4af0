package io.leadledger.report.document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small fluent helper to declare a table's columns and add rows by key. */
public final class TableBuilder {
    private final String key;
    private final String title;
    private final List<Column> columns = new ArrayList<>();
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private Map<String, Object> totals;
    private String groupBy;
    private final Map<String, Map<String, Object>> subtotals = new LinkedHashMap<>();

    public TableBuilder(String key, String title) {
        this.key = key;
        this.title = title;
    }

    public TableBuilder col(String key, String label, ValueType type) {
        columns.add(new Column(key, label, type));
        return this;
    }

    /** Leaves out the columns when {@code absent} (an input not supplied): the figure is not shown, not 0. */
    public TableBuilder without(boolean absent, String... keys) {
        if (absent) {
            java.util.Set<String> drop = java.util.Set.of(keys);
            columns.removeIf(c -> drop.contains(c.key()));
        }
        return this;
    }

    /** Rows are grouped by this column; give each group its figures with {@link #subtotal}. */
    public TableBuilder groupBy(String column) {
        this.groupBy = column;
        return this;
    }

    public Map<String, Object> row() {
        Map<String, Object> r = new LinkedHashMap<>();
        rows.add(r);
        return r;
    }

    public Map<String, Object> totals() {
        totals = new LinkedHashMap<>();
        return totals;
    }

    /** The subtotal row of a group (created on first call; groups print in the order first asked for). */
    public Map<String, Object> subtotal(String group) {
        return subtotals.computeIfAbsent(group, g -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(groupBy, g);
            return m;
        });
    }

    public ReportTable build() {
        return new ReportTable(key, title, List.copyOf(columns), List.copyOf(rows), totals, groupBy,
                java.util.Collections.unmodifiableMap(new LinkedHashMap<>(subtotals)));
    }
}
