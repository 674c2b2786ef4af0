package io.leadledger.support;

import io.leadledger.reconcile.Reconciler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every table the reconcile writes for a tenant, its rows as text without the tenant column, sorted: two tenants compare. */
public final class ReconciledTables {

    private ReconciledTables() {
    }

    public static Map<String, List<String>> of(TestWarehouse w, String tenant) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String t : Reconciler.TABLES) {
            List<String> rows = new ArrayList<>();
            for (Map<String, Object> r : w.jdbc().queryForList("SELECT * FROM " + t + " WHERE tenant = ?", tenant)) {
                TreeMap<String, Object> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                sorted.putAll(r);
                sorted.remove("tenant");
                rows.add(sorted.toString());
            }
            rows.sort(null);
            out.put(t, rows);
        }
        return out;
    }
}
