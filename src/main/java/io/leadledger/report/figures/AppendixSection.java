package io.leadledger.report.figures;

import io.leadledger.report.document.ReportTable;
import io.leadledger.report.document.TableBuilder;
import io.leadledger.warehouse.CountAuditRepository;
import io.leadledger.warehouse.RunAuditRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.leadledger.report.document.ValueType.INTEGER;
import static io.leadledger.report.document.ValueType.TEXT;

/**
 * The appendix every report carries: the latest sync's count audit per source file, across the run a
 * restart continued (the whole night, see {@link RunAuditRepository#latestOfNight}; a file unchanged
 * since an earlier run shows the counts of the run that loaded it) and what could not be matched: deals by
 * how they were linked, unmatched deals by reason, unmatched leads (the XLSX lists them row by row), campaign
 * touches by how they found their lead and those of no lead.
 */
@Component
public class AppendixSection {

    /** The table of the API sources' count audit; only in a report of a tenant with an API source audited. */
    public static final String API_COUNTS = "api-counts";

    private final JdbcTemplate jdbc;
    private final CountAuditRepository countAudit;

    public AppendixSection(JdbcTemplate jdbc, CountAuditRepository countAudit) {
        this.jdbc = jdbc;
        this.countAudit = countAudit;
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
                           rows_duplicate FROM run_audit a WHERE tenant = ? AND """ + RunAuditRepository.latestOfNight("a")
                            + " ORDER BY source_name, source_file",
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
                    }, tenant, lastRun, lastRun, lastRun, lastRun);
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
        List<CountAuditRepository.Line> counted = countAudit.latest(tenant);
        if (!counted.isEmpty()) {
            out.put(API_COUNTS, apiCounts(counted));
        }

        TableBuilder u = new TableBuilder("unmatched", "Matching").col("item", "Item", TEXT).col("count", "Count", INTEGER);
        Map<String, Long> byMethod = counts("""
                SELECT match_method, COUNT(*) FROM core_deal WHERE tenant = ? AND match_method IS NOT NULL
                GROUP BY match_method""", tenant);
        item(u, "Deals linked by a manual override", byMethod.getOrDefault("override", 0L));
        item(u, "Deals linked by explicit id", byMethod.getOrDefault("explicit_id", 0L));
        // the id names a lead whose e-mail is not the deal's contact: kept, at a lower confidence, but worth a look
        item(u, "\u2013 conflicts: the lead's e-mail is not the deal's contact e-mail (confidence 0.700)",
                "SELECT COUNT(*) FROM core_lead_deal_link WHERE tenant = ? AND conflict IS NOT NULL", tenant);
        item(u, "Deals linked by contact e-mail", byMethod.getOrDefault("email", 0L));
        item(u, "Deals linked by company domain (lower confidence)", byMethod.getOrDefault("domain", 0L));
        item(u, "Deals with no linked lead", "SELECT COUNT(*) FROM core_deal WHERE tenant = ? AND lead_key IS NULL", tenant);
        // one line per reason that occurs; the "Unmatched deals" sheet of the workbooks lists the deals
        Map<String, Long> byReason = counts("SELECT reason, COUNT(*) FROM core_unmatched_deal WHERE tenant = ? GROUP BY reason", tenant);
        for (Map.Entry<String, String> r : UnmatchedReasons.DEALS.entrySet()) {
            if (byReason.getOrDefault(r.getKey(), 0L) > 0) {
                item(u, "\u2013 " + r.getValue(), byReason.get(r.getKey()));
            }
        }
        item(u, "Won deals with no linked lead", "SELECT COUNT(*) FROM core_deal WHERE tenant = ? AND lead_key IS NULL AND status = 'won'", tenant);
        item(u, "Deals closed before their lead was created", "SELECT COUNT(*) FROM core_deal WHERE tenant = ? AND inconsistent = 1", tenant);
        item(u, "Company domains shared by several accounts (not matched)",
                "SELECT COUNT(*) FROM core_ambiguous_domain WHERE tenant = ?", tenant);
        Map<String, Long> leads = counts("SELECT reason, COUNT(*) FROM core_unmatched_lead WHERE tenant = ? GROUP BY reason", tenant);
        for (Map.Entry<String, String> r : UnmatchedReasons.LEADS.entrySet()) {
            item(u, "Leads: " + r.getValue(), leads.getOrDefault(r.getKey(), 0L));
        }
        item(u, "Leads found in more than one tool (merged)", "SELECT COUNT(*) FROM core_lead WHERE tenant = ? AND member_count > 1", tenant);
        item(u, "Records joined to a lead through a merge in their tool (e.g. HubSpot merged contacts)",
                "SELECT COUNT(*) FROM int_lead_member WHERE tenant = ? AND member_via = 'merge'", tenant);
        touches(u, tenant);
        out.put("unmatched", u.build());
        return out;
    }

    /**
     * Campaign touches (sources of kind touches) by how they found their lead, and those of no lead, which are
     * kept in int_touch and counted here rather than dropped silently. Only for a tenant that has touches.
     */
    private void touches(TableBuilder u, String tenant) {
        Map<String, Long> via = counts("""
                SELECT COALESCE(matched_via, 'none'), COUNT(*) FROM int_touch WHERE tenant = ?
                GROUP BY COALESCE(matched_via, 'none')""", tenant);
        if (via.isEmpty()) {
            return;
        }
        item(u, "Campaign touches joined to a lead by the person's record id", via.getOrDefault("record", 0L));
        item(u, "Campaign touches joined to a lead by e-mail",
                via.getOrDefault("email", 0L) + via.getOrDefault("merge", 0L));
        item(u, "Campaign touches of no lead (kept, not attributed)", via.getOrDefault("none", 0L));
    }

    /**
     * Per API source, its latest count audit: what the API says exists beside what the warehouse holds. A source
     * whose API gives no count says so, with no difference.
     */
    private static ReportTable apiCounts(List<CountAuditRepository.Line> lines) {
        TableBuilder t = new TableBuilder(API_COUNTS, "API sources: the API's count against the warehouse")
                .col("source", "Source", TEXT).col("run", "Run", TEXT).col("api", "API says", INTEGER)
                .col("warehouse", "Warehouse holds", INTEGER).col("difference", "Difference", INTEGER)
                .col("result", "Result", TEXT);
        for (CountAuditRepository.Line l : lines) {
            Map<String, Object> r = t.row();
            r.put("source", l.source());
            r.put("run", Long.toString(l.runId()));
            r.put("api", l.apiTotal());
            r.put("warehouse", l.warehouse());
            r.put("difference", l.apiTotal() == null ? null : l.difference());
            r.put("result", l.apiTotal() == null ? "count " + (l.note() == null ? CountAuditRepository.NOT_GIVEN : l.note())
                    : !l.differs() ? "agrees" : l.difference() > 0 ? "DIFFERS: " + l.difference() + " missing from the warehouse"
                    : "DIFFERS: " + -l.difference() + " more in the warehouse than the API has");
        }
        return t.build();
    }

    private void item(TableBuilder t, String label, String sql, String tenant) {
        Long n = jdbc.queryForObject(sql, Long.class, tenant);
        item(t, label, n == null ? 0L : n);
    }

    private static void item(TableBuilder t, String label, long n) {
        Map<String, Object> r = t.row();
        r.put("item", label);
        r.put("count", n);
    }

    private Map<String, Long> counts(String sql, String tenant) {
        Map<String, Long> m = new HashMap<>();
        jdbc.query(sql, rs -> {
            m.put(rs.getString(1), rs.getLong(2));
        }, tenant);
        return m;
    }
}
