package io.leadledger.ops;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

/**
 * What run_history says about past launches of a tenant's job: when each was launched (its cron
 * slot when the daemon started it, else its start time), its status, and for the monthly job the month
 * and whether it delivered. Catch-up is computed from this, so it survives restarts and is shared by
 * every daemon on the same warehouse.
 * <p>Read with one indexed query: the daemon asks on every tick (30 s) for up to {@value #DEPTH} launches, and
 * Batch's {@code JobRepository.getJobExecutions} would load each one's steps and contexts too (thousands of
 * queries a tick). run_history is written by {@link RunHistoryRecorder}, never by this class.
 */
@Component
public class LaunchHistory {

    private static final int DEPTH = 400;
    private final JdbcTemplate jdbc;

    public LaunchHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Launch(long id, String status, Instant start, Instant end, Instant scheduledFor, YearMonth month,
                         boolean deliver) {

        /** The moment this launch stands for: the later of its slot and its start. */
        public Instant at() {
            if (scheduledFor == null) {
                return start;
            }
            return start == null || scheduledFor.isAfter(start) ? scheduledFor : start;
        }

        public boolean completed() {
            return "COMPLETED".equals(status);
        }
    }

    /** The tenant's launches of {@code job}, newest first. */
    public List<Launch> launches(String tenant, String job) {
        return jdbc.query("""
                SELECT run_id, status, start_time, end_time, scheduled_for, report_month, deliver FROM run_history
                WHERE tenant = ? AND job_name = ? ORDER BY run_id DESC LIMIT ?""",
                (rs, i) -> new Launch(rs.getLong(1), rs.getString(2), instant(rs.getTimestamp(3)), instant(rs.getTimestamp(4)),
                        rs.getString(5) == null ? null : Instant.parse(rs.getString(5)),
                        rs.getString(6) == null ? null : YearMonth.parse(rs.getString(6)), rs.getBoolean(7)),
                tenant, job, DEPTH);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toLocalDateTime().atZone(ZoneId.systemDefault()).toInstant();
    }
}
