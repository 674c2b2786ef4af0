package io.leadledger.ops;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

/** Recent runs from the job repository, with the count audit summed per run. */
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
                SELECT e.JOB_EXECUTION_ID, i.JOB_NAME, p.PARAMETER_VALUE AS tenant, e.STATUS, e.START_TIME, e.END_TIME,
                       e.EXIT_MESSAGE,
                       (SELECT COALESCE(SUM(a.rows_read), 0) FROM run_audit a WHERE a.run_id = e.JOB_EXECUTION_ID) AS r,
                       (SELECT COALESCE(SUM(a.rows_loaded), 0) FROM run_audit a WHERE a.run_id = e.JOB_EXECUTION_ID) AS l,
                       (SELECT COALESCE(SUM(a.rows_quarantined), 0) FROM run_audit a WHERE a.run_id = e.JOB_EXECUTION_ID) AS q,
                       (SELECT COALESCE(SUM(a.rows_duplicate), 0) FROM run_audit a WHERE a.run_id = e.JOB_EXECUTION_ID) AS d
                FROM BATCH_JOB_EXECUTION e
                JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'tenant'
                WHERE p.PARAMETER_VALUE = ?
                ORDER BY e.JOB_EXECUTION_ID DESC LIMIT ?""",
                (rs, i) -> new Run(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toLocalDateTime(),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toLocalDateTime(),
                        rs.getString(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11)),
                tenant, limit);
    }
}
