package io.leadledger.deliver;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What was sent to whom: one row per e-mail of a report job to one recipient for a tenant and month
 * (table delivery_log, times in UTC). A row is written 'pending' before the send is tried, so an SMTP
 * outage or a crash never loses it, and the unique (tenant, job, month, recipient, seq) key means it is
 * only ever created once.
 */
@Repository
public class DeliveryLog {

    public static final String PENDING = "pending";
    public static final String SENDING = "sending";
    public static final String SENT = "sent";

    private final JdbcTemplate jdbc;

    public DeliveryLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Entry(long id, String tenant, String job, String month, String recipient, int seq, String reports,
                        String version, String status, int attempts, String subject, String html, String text,
                        List<Path> attachments, String lastError, Long runId, Instant createdAt, Instant nextAttemptAt,
                        Instant sentAt, String claimedBy, String messageId) {
    }

    public record NewEntry(String tenant, String job, String month, String recipient, int seq, String reports, String version,
                           String subject, String html, String text, List<Path> attachments, long runId) {
    }

    private static final RowMapper<Entry> ENTRY = (rs, i) -> new Entry(rs.getLong("id"), rs.getString("tenant"),
            rs.getString("job_name"), rs.getString("report_month"), rs.getString("recipient"), rs.getInt("seq"),
            rs.getString("reports"), rs.getString("version"), rs.getString("status"), rs.getInt("attempts"),
            rs.getString("subject"), rs.getString("body_html"), rs.getString("body_text"),
            Arrays.stream(rs.getString("attachments").split("\n")).filter(s -> !s.isBlank()).map(Path::of).toList(),
            rs.getString("last_error"), (Long) rs.getObject("run_id", Long.class), instant(rs.getTimestamp("created_at")),
            instant(rs.getTimestamp("next_attempt_at")), instant(rs.getTimestamp("sent_at")), rs.getString("claimed_by"),
            rs.getString("message_id"));

    /** The latest delivery (highest seq) of a job's month to a recipient. */
    public Optional<Entry> latest(String tenant, String job, String month, String recipient) {
        return jdbc.query("SELECT * FROM delivery_log WHERE tenant = ? AND job_name = ? AND report_month = ? AND recipient = ? "
                + "ORDER BY seq DESC LIMIT 1", ENTRY, tenant, job, month, recipient).stream().findFirst();
    }

    /** Records a delivery as pending; empty when another process created the same one first. */
    public Optional<Entry> create(NewEntry n, Instant now) {
        try {
            jdbc.update("""
                    INSERT INTO delivery_log (tenant, job_name, report_month, recipient, seq, reports, version, status,
                      attempts, subject, body_html, body_text, attachments, run_id, created_at, next_attempt_at, message_id)
                    VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                    n.tenant(), n.job(), n.month(), n.recipient(), n.seq(), n.reports(), n.version(), PENDING, 0,
                    cut(n.subject(), 500), n.html(), n.text(),
                    String.join("\n", n.attachments().stream().map(p -> p.toAbsolutePath().toString()).toList()),
                    n.runId(), ts(now), ts(now), MessageIds.of(n.tenant(), n.month(), n.recipient(), n.version(), n.seq()));
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
        return jdbc.query("SELECT * FROM delivery_log WHERE tenant = ? AND job_name = ? AND report_month = ? AND recipient = ? "
                + "AND seq = ?", ENTRY, n.tenant(), n.job(), n.month(), n.recipient(), n.seq()).stream().findFirst();
    }

    /**
     * Takes a pending row (or a 'sending' one whose lease ran out: its process died mid-send) for this
     * process until {@code leaseUntil}; false when it is not due or another process took it.
     */
    public boolean claim(long id, Instant now, Instant leaseUntil, String holder) {
        return jdbc.update("UPDATE delivery_log SET status = ?, attempts = attempts + 1, next_attempt_at = ?, claimed_by = ? "
                + "WHERE id = ? AND status IN (?, ?) AND next_attempt_at <= ?",
                SENDING, ts(leaseUntil), holder, id, PENDING, SENDING, ts(now)) == 1;
    }

    /** As {@link #claim}, but a pending row is taken before its backoff ends (someone re-ran the job on purpose). */
    public boolean claimNow(long id, Instant now, Instant leaseUntil, String holder) {
        return jdbc.update("UPDATE delivery_log SET status = ?, attempts = attempts + 1, next_attempt_at = ?, claimed_by = ? "
                + "WHERE id = ? AND (status = ? OR (status = ? AND next_attempt_at <= ?))",
                SENDING, ts(leaseUntil), holder, id, PENDING, SENDING, ts(now)) == 1;
    }

    /** The tenant's rows being sent by someone, with who claimed them. */
    public List<Entry> sending(String tenant) {
        return jdbc.query("SELECT * FROM delivery_log WHERE tenant = ? AND status = ? ORDER BY id", ENTRY, tenant, SENDING);
    }

    /** Gives a 'sending' row back (due now) when it is still claimed by {@code deadHolder}, whose process is gone. */
    public boolean releaseClaim(long id, String deadHolder, Instant now) {
        return jdbc.update("UPDATE delivery_log SET status = ?, next_attempt_at = ? WHERE id = ? AND status = ? AND claimed_by = ?",
                PENDING, ts(now), id, SENDING, deadHolder) == 1;
    }

    public void sent(long id, Instant now) {
        jdbc.update("UPDATE delivery_log SET status = ?, sent_at = ?, last_error = NULL WHERE id = ?", SENT, ts(now), id);
    }

    public void failed(long id, Instant retryAt, String error) {
        jdbc.update("UPDATE delivery_log SET status = ?, next_attempt_at = ?, last_error = ? WHERE id = ?", PENDING,
                ts(retryAt), cut(error, 2000), id);
    }

    public Optional<Entry> get(long id) {
        return jdbc.query("SELECT * FROM delivery_log WHERE id = ?", ENTRY, id).stream().findFirst();
    }

    /** Unsent rows of a tenant whose next attempt is due. */
    public List<Entry> due(String tenant, Instant now) {
        return jdbc.query("SELECT * FROM delivery_log WHERE tenant = ? AND status IN (?, ?) AND next_attempt_at <= ? ORDER BY id",
                ENTRY, tenant, PENDING, SENDING, ts(now));
    }

    public List<Entry> unsent(String tenant) {
        return jdbc.query("SELECT * FROM delivery_log WHERE tenant = ? AND status <> ? ORDER BY id", ENTRY, tenant, SENT);
    }

    public List<Entry> forMonth(String tenant, String job, String month) {
        return jdbc.query("SELECT * FROM delivery_log WHERE tenant = ? AND job_name = ? AND report_month = ? ORDER BY recipient, seq",
                ENTRY, tenant, job, month);
    }

    public List<Entry> forRun(long runId) {
        return jdbc.query("SELECT * FROM delivery_log WHERE run_id = ? ORDER BY recipient, seq", ENTRY, runId);
    }

    /** The tenant's e-mails, newest first (the console's delivery log). */
    public List<Entry> recent(String tenant, int limit) {
        return jdbc.query("SELECT * FROM delivery_log WHERE tenant = ? ORDER BY id DESC LIMIT ?", ENTRY, tenant, limit);
    }

    public Optional<Entry> lastSent(String tenant) {
        return jdbc.query("SELECT * FROM delivery_log WHERE tenant = ? AND status = ? ORDER BY sent_at DESC, id DESC LIMIT 1",
                ENTRY, tenant, SENT).stream().findFirst();
    }

    private static Timestamp ts(Instant t) {
        return t == null ? null : Timestamp.valueOf(LocalDateTime.ofInstant(t, ZoneOffset.UTC).withNano(0));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
