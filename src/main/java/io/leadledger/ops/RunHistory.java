package io.leadledger.ops;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

/** Recent runs from run_history (see {@link RunHistoryRecorder}), with the count audit summed per run. */
@Component
public class RunHistory {

    private final JdbcTemplate jdbc;

    public RunHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Run(long id, String job, String tenant, String status, LocalDateTime start, LocalDateTime end,
                      String exitMessage, long read, long loaded, long quarantined, long duplicates) {

        public Duration duration() {
            return start == null || end == null ? null : Duration.between(start, end);
        }

        public boolean balanced() {
            return read == loaded + quarantined + duplicates;
        }
    }

    public List<Run> recent(String tenant, int limit) {
        return jdbc.query("""
                SELECT h.run_id, h.job_name, h.tenant, h.status, h.start_time, h.end_time, h.exit_message,
                       COALESCE(SUM(a.rows_read), 0), COALESCE(SUM(a.rows_loaded), 0),
                       COALESCE(SUM(a.rows_quarantined), 0), COALESCE(SUM(a.rows_duplicate), 0)
                FROM (SELECT * FROM run_history WHERE tenant = ? ORDER BY run_id DESC LIMIT ?) h
                LEFT JOIN run_audit a ON a.run_id = h.run_id
                GROUP BY h.run_id, h.job_name, h.tenant, h.status, h.start_time, h.end_time, h.exit_message
                ORDER BY h.run_id DESC""",
                (rs, i) -> new Run(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toLocalDateTime(),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toLocalDateTime(),
                        rs.getString(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11)),
                tenant, limit);
    }
}
