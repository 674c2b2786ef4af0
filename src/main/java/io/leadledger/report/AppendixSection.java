package io.leadledger.report;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.leadledger.report.ValueType.INTEGER;
import static io.leadledger.report.ValueType.TEXT;

/**
 * The appendix every report carries: the latest sync's count audit per source file (a file unchanged
 * since an earlier run shows the counts of the run that loaded it) and what could not be matched.
 */
@Component
public class AppendixSection {

    private final JdbcTemplate jdbc;

    public AppendixSection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, ReportTable> build(String tenant) {
        Map<String, ReportTable> out = new LinkedHashMap<>();
        Map<String, long[]> loadedCounts = new HashMap<>();
        Map<String, Long> loadedIn = new HashMap<>();
        jdbc.query("""
                SELECT run_id, source_name, file_hash, rows_read, rows_loaded, rows_quarantined, rows_duplicate
                FROM run_audit WHERE tenant = ? AND status = 'loaded' ORDER BY run_id""", rs -> {
            String k = rs.getString("source_name") + "|" + rs.getString("file_hash");
            loadedCounts.put(k, new long[] {rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)});
            loadedIn.put(k, rs.getLong(1));
        }, tenant);
        Long lastRun = jdbc.queryForObject("SELECT MAX(run_id) FROM run_audit WHERE tenant = ?", Long.class, tenant);
        TableBuilder a = new TableBuilder("audit", "Count audit of the latest sync (run " + lastRun + ")")
                .col("source", "Source", TEXT).col("file", "File", TEXT).col("status", "Status", TEXT)
                .col("read", "Read", INTEGER).col("loaded", "Loaded", INTEGER)
                .col("quarantined", "Quarantined", INTEGER).col("duplicates", "Duplicates", INTEGER);
        long[] total = new long[4];
        if (lastRun != null) {
            jdbc.query("""
                    SELECT source_name, source_file, file_hash, status, rows_read, rows_loaded, rows_quarantined,
                           rows_duplicate FROM run_audit WHERE tenant = ? AND run_id = ? ORDER BY source_name, source_file""",
                    rs -> {
                        String k = rs.getString("source_name") + "|" + rs.getString("file_hash");
                        String status = rs.getString("status");
                        long[] c = {rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)};
                        if ("unchanged".equals(status) && loadedCounts.containsKey(k)) {
                            c = loadedCounts.get(k);
                            status = "unchanged since run " + loadedIn.get(k);
                        }
                        Map<String, Object> r = a.row();
                        r.put("source", rs.getString("source_name"));
                        r.put("file", rs.getString("source_file"));
                        r.put("status", status);
                        r.put("read", c[0]);
                        r.put("loaded", c[1]);
                        r.put("quarantined", c[2]);
                        r.put("duplicates", c[3]);
                        for (int i = 0; i < 4; i++) {
                            total[i] += c[i];
                        }
                    }, tenant, lastRun);
        }
        Map<String, Object> t = a.totals();
        t.put("source", "Total");
        t.put("file", "");
        t.put("status", "");
        t.put("read", total[0]);
        t.put("loaded", total[1]);
        t.put("quarantined", total[2]);
        t.put("duplicates", total[3]);
        out.put("audit", a.build());

        TableBuilder u = new TableBuilder("unmatched", "Matching").col("item", "Item", TEXT).col("count", "Count", INTEGER);
        // the deals' counts in one pass over the tenant's deals
        Map<String, Object> deals = jdbc.queryForMap("""
                SELECT COUNT(*) AS deals,
                       SUM(CASE WHEN match_method = 'explicit_id' THEN 1 ELSE 0 END) AS explicit_id,
                       SUM(CASE WHEN match_method = 'email' THEN 1 ELSE 0 END) AS email,
                       SUM(CASE WHEN match_method = 'override' THEN 1 ELSE 0 END) AS override,
                       SUM(CASE WHEN lead_key IS NULL THEN 1 ELSE 0 END) AS no_lead,
                       SUM(CASE WHEN lead_key IS NULL AND status = 'won' THEN 1 ELSE 0 END) AS won_no_lead,
                       SUM(CASE WHEN inconsistent = 1 THEN 1 ELSE 0 END) AS inconsistent
                FROM core_deal WHERE tenant = ?""", tenant);
        item(u, "Deals linked by explicit id", deals.get("explicit_id"));
        item(u, "Deals linked by contact e-mail", deals.get("email"));
        item(u, "Deals linked by a manual override", deals.get("override"));
        item(u, "Deals with no linked lead", deals.get("no_lead"));
        item(u, "Won deals with no linked lead", deals.get("won_no_lead"));
        item(u, "Deals closed before their lead was created", deals.get("inconsistent"));
        // an index on (tenant, member_count) keeps this from reading every lead
        item(u, "Leads found in more than one tool (merged)",
                jdbc.queryForObject("SELECT COUNT(*) FROM core_lead WHERE tenant = ? AND member_count > 1", Long.class, tenant));
        out.put("unmatched", u.build());
        return out;
    }

    /** A count; SUM over no deals is NULL, which counts as 0. */
    private static void item(TableBuilder t, String label, Object count) {
        Map<String, Object> r = t.row();
        r.put("item", label);
        r.put("count", count == null ? 0L : ((Number) count).longValue());
    }
}
