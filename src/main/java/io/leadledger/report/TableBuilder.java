package io.leadledger.report;

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

    public TableBuilder(String key, String title) {
        this.key = key;
        this.title = title;
    }

    public TableBuilder col(String key, String label, ValueType type) {
        columns.add(new Column(key, label, type));
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

    public ReportTable build() {
        return new ReportTable(key, title, List.copyOf(columns), List.copyOf(rows), totals);
    }
}
