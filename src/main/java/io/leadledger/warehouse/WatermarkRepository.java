package io.leadledger.warehouse;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** How far each API source's changes have been read (table source_watermark, times in UTC). */
@Repository
public class WatermarkRepository {

    private final JdbcTemplate jdbc;

    public WatermarkRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to when (exclusive) the source's records were read by a completed run; null before its first. */
    public Instant readUntil(String tenant, String source) {
        List<Timestamp> t = jdbc.queryForList("SELECT read_until FROM source_watermark WHERE tenant = ? AND source_name = ?",
                Timestamp.class, tenant, source);
        return t.isEmpty() ? null : t.get(0).toLocalDateTime().toInstant(ZoneOffset.UTC);
    }

    public void save(String tenant, String source, Instant readUntil, long runId) {
        Timestamp t = Timestamp.valueOf(readUntil.atOffset(ZoneOffset.UTC).toLocalDateTime());
        if (jdbc.update("UPDATE source_watermark SET read_until = ?, run_id = ? WHERE tenant = ? AND source_name = ?",
                t, runId, tenant, source) == 0) {
            jdbc.update("INSERT INTO source_watermark (tenant, source_name, read_until, run_id) VALUES (?, ?, ?, ?)",
                    tenant, source, t, runId);
        }
    }
}
