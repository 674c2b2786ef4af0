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
                SELECT end_time, scheduled_for FROM run_history
                WHERE tenant = ? AND job_name = ? AND status = 'COMPLETED'
                ORDER BY run_id DESC LIMIT 50""", (rs, i) -> {
                    Instant end = instant(rs.getTimestamp(1));
                    Instant slot = rs.getString(2) == null ? null : Instant.parse(rs.getString(2));
                    return slot != null && (end == null || slot.isAfter(end)) ? slot : end;
                }, tenant, job).stream().filter(java.util.Objects::nonNull).max(Instant::compareTo).orElse(null);
        Duration age = last == null ? null : Duration.between(last, now);
        if (last == null) {
            problems.add("no " + job + " run has completed yet");
        } else if (age.compareTo(Duration.ofHours(maxHours)) > 0) {
            problems.add("the last successful " + job + " ended " + WHEN.format(last.atZone(zone)) + ", " + age.toHours()
                    + " h ago (maxSyncAgeHours: " + maxHours + ")");
        }

        // the latest finished sync run: a failure after the last success means tonight's data is missing
        List<Object[]> latest = jdbc.query("""
                SELECT run_id, status, exit_message FROM run_history
                WHERE tenant = ? AND job_name = ? AND end_time IS NOT NULL
                ORDER BY run_id DESC LIMIT 1""",
                (rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)}, tenant, job);
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
