package io.leadledger.warehouse;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;

/** The per-run, per-file count audit and the register of file versions already loaded. */
@Repository
public class RunAuditRepository {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public RunAuditRepository(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record AuditRow(long runId, String tenant, String source, String kind, String file, String hash,
                           String status, long read, long loaded, long quarantined, long duplicates, String message,
                           LocalDateTime startedAt, LocalDateTime endedAt) {
    }

    /** Insert or replace the audit of one file in one run (a restarted step rewrites its own row). */
    public void record(AuditRow a) {
        // one line per file and run: a restarted step replaces the line of its failed attempt. Two statements, each
        // committed on its own: in one transaction, two partitions ending at once deadlock on InnoDB's gap locks
        // (each DELETE of a line not there yet locks the gap the other's INSERT needs)
        jdbc.update("DELETE FROM run_audit WHERE run_id = ? AND source_name = ? AND source_file = ?",
                a.runId(), a.source(), cut(a.file(), 1000));
        jdbc.update("""
                INSERT INTO run_audit (run_id, tenant, source_name, source_kind, source_file, file_hash, status,
                  rows_read, rows_loaded, rows_quarantined, rows_duplicate, message, started_at, ended_at)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                a.runId(), a.tenant(), a.source(), a.kind(), cut(a.file(), 1000), a.hash(), a.status(), a.read(),
                a.loaded(), a.quarantined(), a.duplicates(), cut(a.message(), 2000), ts(a.startedAt()), ts(a.endedAt()));
    }

    /** Whether a run has an audit line for a source's file. */
    public boolean hasLine(long runId, String source, String file) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM run_audit WHERE run_id = ? AND source_name = ? AND source_file = ?",
                Integer.class, runId, source, cut(file, 1000));
        return n != null && n > 0;
    }

    /**
     * Whether this content of a source's file was loaded before with this mapping ({@code mappingHash}): a file
     * registered before mappings were recorded counts as loaded with any mapping.
     */
    public boolean alreadyLoaded(String tenant, String source, String hash, String mappingHash) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM source_file WHERE tenant = ? AND source_name = ? AND "
                + "file_hash = ? AND (mapping_hash = ? OR mapping_hash IS NULL)", Integer.class, tenant, source, hash,
                mappingHash);
        return n != null && n > 0;
    }

    /**
     * @param headerJson the file's header row as a JSON array: the keys of the staged raw_row arrays
     * @param mappingHash the mapping the file was read with; a content loaded before with another mapping is
     *                    registered again under this one
     */
    public void markLoaded(String tenant, String source, String hash, String mappingHash, String path, long size,
                           long runId, String headerJson) {
        int updated = jdbc.update("UPDATE source_file SET mapping_hash = ?, file_path = ?, file_size = ?, run_id = ?, "
                + "loaded_at = ?, header_json = ? WHERE tenant = ? AND source_name = ? AND file_hash = ? AND "
                + "(mapping_hash IS NULL OR mapping_hash <> ?)", mappingHash, cut(path, 1000), size, runId,
                ts(LocalDateTime.now(clock)), headerJson, tenant, source, hash, mappingHash);
        if (updated == 0 && !alreadyLoaded(tenant, source, hash, mappingHash)) {
            jdbc.update("INSERT INTO source_file (tenant, source_name, file_hash, mapping_hash, file_path, file_size, "
                    + "run_id, loaded_at, header_json) VALUES (?,?,?,?,?,?,?,?,?)", tenant, source, hash, mappingHash,
                    cut(path, 1000), size, runId, ts(LocalDateTime.now(clock)), headerJson);
        }
    }

    /**
     * SQL condition on run_audit alias {@code a}: the rows of run {@code ?} and of the earlier runs it
     * restarted (the same Spring Batch job instance: a killed night and its restart are one night), one per
     * file, from the latest of those runs that has it. Binds the run id four times.
     */
    public static String latestOfNight(String a) {
        String night = "(%1$s.run_id = ? OR %1$s.run_id IN (SELECT x.run_id FROM run_history x "
                + "JOIN run_history y ON y.job_instance_id = x.job_instance_id WHERE y.run_id = ?))";
        return (night + " AND NOT EXISTS (SELECT 1 FROM run_audit b WHERE b.tenant = %1$s.tenant AND b.source_name = "
                + "%1$s.source_name AND b.source_file = %1$s.source_file AND b.run_id > %1$s.run_id AND "
                + night.replace("%1$s.run_id", "b.run_id") + ")").formatted(a);
    }

    /** The count audit of a run's night (see {@link #latestOfNight}), by source and file. */
    public List<AuditRow> forNight(long runId) {
        return jdbc.query("SELECT * FROM run_audit a WHERE " + latestOfNight("a") + " ORDER BY source_name, source_file",
                RunAuditRepository::row,
                runId, runId, runId, runId);
    }

    public List<AuditRow> forRun(long runId) {
        return jdbc.query("SELECT * FROM run_audit WHERE run_id = ? ORDER BY started_at, source_name, source_file",
                RunAuditRepository::row,
                runId);
    }

    private static AuditRow row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new AuditRow(rs.getLong("run_id"), rs.getString("tenant"), rs.getString("source_name"),
                rs.getString("source_kind"), rs.getString("source_file"), rs.getString("file_hash"),
                rs.getString("status"), rs.getLong("rows_read"), rs.getLong("rows_loaded"),
                rs.getLong("rows_quarantined"), rs.getLong("rows_duplicate"), rs.getString("message"),
                rs.getTimestamp("started_at").toLocalDateTime(),
                rs.getTimestamp("ended_at") == null ? null : rs.getTimestamp("ended_at").toLocalDateTime());
    }

    private static Timestamp ts(LocalDateTime t) {
        return t == null ? null : Timestamp.valueOf(t.withNano(0));
    }

    private static String cut(String v, int max) {
        return v == null || v.length() <= max ? v : v.substring(0, max);
    }
}
