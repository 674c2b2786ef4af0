package io.leadledger.deliver;

import io.leadledger.jobs.Workspace;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the warehouse is fit to be reported to executives: the last successful nightly sync is
 * recent enough (maxSyncAgeHours of monthly-reports.yml), and the latest sync run neither failed nor
 * had a source fail in its count audit. Otherwise the reasons say what operations must fix.
 */
@Component
public class FreshnessGate {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public FreshnessGate(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * @param lastSuccess end of the last COMPLETED sync run, or null when there was none
     * @param problems    empty when fresh
     */
    public record Freshness(Instant lastSuccess, Duration age, int maxAgeHours, List<String> problems) {
        public boolean fresh() {
            return problems.isEmpty();
        }

        public String reasons() {
            return String.join("; ", problems);
        }
    }

    public Freshness check(Workspace ws) {
        String tenant = ws.tenant().id();
        String job = ws.sync().job();
        ZoneId zone = ws.tenant().zone();
        int maxHours = ws.delivery().maxSyncAgeHours();
        Instant now = clock.instant();
        List<String> problems = new ArrayList<>();

        // a run's data is as of when it ended, or of the cron slot it was run for if that is later
        // (a daemon's catch-up run is for its slot; this also keeps tests with a moved clock coherent)
        Instant last = jdbc.query("""
                SELECT e.END_TIME,
                  (SELECT MAX(x.PARAMETER_VALUE) FROM BATCH_JOB_EXECUTION_PARAMS x
                    WHERE x.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND x.PARAMETER_NAME = 'scheduledFor') AS scheduled_for
                FROM BATCH_JOB_EXECUTION e
                JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'tenant'
                WHERE i.JOB_NAME = ? AND p.PARAMETER_VALUE = ? AND e.STATUS = 'COMPLETED'
                ORDER BY e.JOB_EXECUTION_ID DESC LIMIT 50""", (rs, i) -> {
                    Instant end = instant(rs.getTimestamp(1));
                    Instant slot = rs.getString(2) == null ? null : Instant.parse(rs.getString(2));
                    return slot != null && (end == null || slot.isAfter(end)) ? slot : end;
                }, job, tenant).stream().filter(java.util.Objects::nonNull).max(Instant::compareTo).orElse(null);
        Duration age = last == null ? null : Duration.between(last, now);
        if (last == null) {
            problems.add("no " + job + " run has completed yet");
        } else if (age.compareTo(Duration.ofHours(maxHours)) > 0) {
            problems.add("the last successful " + job + " ended " + WHEN.format(last.atZone(zone)) + ", " + age.toHours()
                    + " h ago (maxSyncAgeHours: " + maxHours + ")");
        }

        // the latest finished sync run: a failure after the last success means tonight's data is missing
        List<Object[]> latest = jdbc.query("""
                SELECT e.JOB_EXECUTION_ID, e.STATUS, e.EXIT_MESSAGE FROM BATCH_JOB_EXECUTION e
                JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'tenant'
                WHERE i.JOB_NAME = ? AND p.PARAMETER_VALUE = ? AND e.END_TIME IS NOT NULL
                ORDER BY e.JOB_EXECUTION_ID DESC LIMIT 1""",
                (rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)}, job, tenant);
        if (!latest.isEmpty()) {
            long run = (Long) latest.get(0)[0];
            List<String> failed = jdbc.query("""
                    SELECT source_name, source_file, message FROM run_audit
                    WHERE tenant = ? AND run_id = ? AND status = 'failed' ORDER BY source_name, source_file""",
                    (rs, i) -> "source '" + rs.getString(1) + "' failed in " + job + " run " + run + " (" + rs.getString(2)
                            + ": " + firstLine(rs.getString(3)) + ")", tenant, run);
            problems.addAll(failed);
            if (failed.isEmpty() && !"COMPLETED".equals(latest.get(0)[1])) {
                problems.add(job + " run " + run + " " + latest.get(0)[1] + ": " + firstLine((String) latest.get(0)[2]));
            }
        }
        return new Freshness(last, age, maxHours, List.copyOf(problems));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toLocalDateTime().atZone(ZoneId.systemDefault()).toInstant();
    }

    static String firstLine(String s) {
        if (s == null || s.isBlank()) {
            return "no message";
        }
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() <= 300 ? line : line.substring(0, 297) + "...";
    }
}
