package io.leadledger.warehouse;

import io.leadledger.jobs.SourceKind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The count audit of API sources (table api_count_audit): per run and source, the vendor's own figure beside the
 * warehouse's. A difference means a record was missed (or kept after it went) somewhere between the API and staging.
 */
@Repository
public class CountAuditRepository {

    /** Said where the API gives no count: never a difference. */
    public static final String NOT_GIVEN = "not given by the API";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public CountAuditRepository(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * One source's line: {@code apiTotal} null when the API gave no figure ({@code note} says why).
     *
     * @param warehouse the source's live rows in staging after the run
     */
    public record Line(String source, Long apiTotal, long warehouse, String note, long runId) {

        /** API minus warehouse; 0 when the API gave no figure. */
        public long difference() {
            return apiTotal == null ? 0 : apiTotal - warehouse;
        }

        public boolean differs() {
            return difference() != 0;
        }

        /** "HubSpot says 120, the warehouse holds 119 (1 missing)", for alerts and status. */
        public String describe() {
            if (apiTotal == null) {
                return source + ": " + warehouse + " in the warehouse; the API's count " + (note == null ? NOT_GIVEN : note);
            }
            long d = difference();
            return source + ": the API says " + apiTotal + ", the warehouse holds " + warehouse
                    + (d == 0 ? "" : d > 0 ? " (" + d + " missing from the warehouse)" : " (" + -d + " more than the API has)");
        }
    }

    /**
     * The source's live records in staging: not deleted, and (for leads) not merged into another record (the
     * vendor's count no longer has a record merged away; int_lead_merge, rebuilt by the reconcile, lists them).
     */
    public long warehouseCount(String tenant, String source, SourceKind kind) {
        String sql = switch (kind) {
            case LEADS -> """
                    SELECT COUNT(*) FROM stg_lead s WHERE s.tenant = ? AND s.source_name = ? AND s.is_deleted = 0
                      AND NOT EXISTS (SELECT 1 FROM int_lead_merge m WHERE m.tenant = s.tenant
                                      AND m.source_name = s.source_name AND m.merged_id = s.record_id)""";
            case DEALS -> "SELECT COUNT(*) FROM stg_deal WHERE tenant = ? AND source_name = ? AND is_deleted = 0";
            case SPEND -> "SELECT COUNT(*) FROM stg_spend WHERE tenant = ? AND source_name = ?";
            case TOUCHES -> "SELECT COUNT(*) FROM stg_touch WHERE tenant = ? AND source_name = ? AND is_deleted = 0";
        };
        Long n = jdbc.queryForObject(sql, Long.class, tenant, source);
        return n == null ? 0 : n;
    }

    /** Writes (or, for a restarted step, replaces) the source's line of the run. */
    public void record(String tenant, long runId, Line line) {
        jdbc.update("DELETE FROM api_count_audit WHERE tenant = ? AND run_id = ? AND source_name = ?", tenant, runId,
                line.source());
        jdbc.update("INSERT INTO api_count_audit (tenant, run_id, source_name, api_total, warehouse_count, note, "
                        + "counted_at) VALUES (?,?,?,?,?,?,?)", tenant, runId, line.source(), line.apiTotal(),
                line.warehouse(), line.note() == null ? null : line.note().substring(0, Math.min(500, line.note().length())),
                Timestamp.valueOf(LocalDateTime.now(clock)));
    }

    /** The lines of one run, by source. */
    public List<Line> forRun(String tenant, long runId) {
        return jdbc.query("SELECT source_name, api_total, warehouse_count, note, run_id FROM api_count_audit "
                + "WHERE tenant = ? AND run_id = ? ORDER BY source_name", (rs, i) -> line(rs), tenant, runId);
    }

    /** Each source's latest line (its latest run that audited it), by source. */
    public List<Line> latest(String tenant) {
        return jdbc.query("""
                SELECT a.source_name, a.api_total, a.warehouse_count, a.note, a.run_id FROM api_count_audit a
                WHERE a.tenant = ? AND a.run_id = (SELECT MAX(b.run_id) FROM api_count_audit b
                                                   WHERE b.tenant = a.tenant AND b.source_name = a.source_name)
                ORDER BY a.source_name""", (rs, i) -> line(rs), tenant);
    }

    private static Line line(java.sql.ResultSet rs) throws java.sql.SQLException {
        long total = rs.getLong(2);
        Long api = rs.wasNull() ? null : total;
        return new Line(rs.getString(1), api, rs.getLong(3), rs.getString(4), rs.getLong(5));
    }
}
