package io.leadledger.deliver;

import io.leadledger.jobs.Workspace;
import io.leadledger.ops.HostProcess;
import io.leadledger.report.ReportService;
import io.leadledger.report.document.ReportDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Delivers a month's reports to the distribution list of monthly-reports.yml, at most once per
 * recipient unless asked to resend. Every e-mail is logged as pending before it is tried; one the SMTP
 * server did not take stays pending and is retried with backoff by later runs and the daemon, with its
 * files from the report archive. At least once: a kill between the server's acceptance and the log's
 * "sent" sends it again, with the same Message-ID ({@link MessageIds}) so mail systems can drop the copy.
 */
@Component
public class ReportMailer {

    private static final Logger log = LoggerFactory.getLogger(ReportMailer.class);
    static final Duration FIRST_RETRY = Duration.ofMinutes(5);
    static final Duration MAX_RETRY = Duration.ofHours(6);
    /** A row being sent is this process's for this long; after that a crashed sender's row is retried. */
    static final Duration LEASE = Duration.ofMinutes(10);

    private final ReportService reports;
    private final ReportEmail email;
    private final DeliveryLog deliveries;
    private final FreshnessGate gate;
    private final MailTransport transport;
    private final ReportArchive archive;
    private final HostProcess process;
    private final Clock clock;

    public ReportMailer(ReportService reports, ReportEmail email, DeliveryLog deliveries, FreshnessGate gate,
                        MailTransport transport, ReportArchive archive, HostProcess process, Clock clock) {
        this.reports = reports;
        this.email = email;
        this.deliveries = deliveries;
        this.gate = gate;
        this.transport = transport;
        this.archive = archive;
        this.process = process;
        this.clock = clock;
    }

    /**
     * @param alreadyDelivered recipients who had this month already (sent or still pending) and got nothing new
     * @param figuresChanged   true when some of them received figures that differ from today's
     */
    public record Outcome(int recipients, int sent, int pending, int alreadyDelivered, boolean figuresChanged) {
        public String summary() {
            if (recipients == 0) {
                return "no recipients in monthly-reports.yml: nothing sent";
            }
            StringBuilder sb = new StringBuilder("sent to " + sent + " of " + recipients + " recipients");
            if (alreadyDelivered > 0) {
                sb.append(", ").append(alreadyDelivered).append(" had it already (use --resend to send again)");
            }
            if (figuresChanged) {
                sb.append("; the figures changed since they were sent");
            }
            if (pending > 0) {
                sb.append("; ").append(pending).append(" pending, retried by the next runs");
            }
            return sb.toString();
        }
    }

    public Outcome deliver(Workspace ws, YearMonth month, long runId, boolean resend) {
        String tenant = ws.tenant().id();
        String job = ws.reports().job();
        List<String> recipients = ws.reports().recipients();
        if (recipients.isEmpty()) {
            return new Outcome(0, 0, 0, 0, false);
        }
        List<String> todo = new ArrayList<>();
        List<DeliveryLog.Entry> had = new ArrayList<>();
        for (String r : recipients) {
            Optional<DeliveryLog.Entry> latest = deliveries.latest(tenant, job, month.toString(), r);
            if (latest.isEmpty() || resend) {
                todo.add(r);
            } else {
                had.add(latest.get());
            }
        }
        String version = null;
        if (!todo.isEmpty()) {
            FreshnessGate.Freshness freshness = gate.check(ws);
            if (!freshness.fresh()) {
                throw new DeliveryHeldException(month, todo.size(), freshness);
            }
            if (!transport.configured()) {
                throw new IllegalStateException("cannot deliver to " + todo.size() + " recipients: no SMTP server configured "
                        + "(set LEADLEDGER_SMTP_HOST, see README 'Email'); the reports are written in " + monthDir(ws, month));
            }
            List<ReportDocument> docs = reports.build(ws, month, ws.reports().reports());
            version = FiguresVersion.of(docs);
            List<Path> files = attachments(ws, month);
            // kept before any delivery row names them: a retry never needs the output folder
            archive.keep(tenant, month.toString(), version, files, clock.instant());
            ReportEmail.Message m = email.compose(ws.tenant(), month, docs,
                    files.stream().map(f -> f.getFileName().toString()).toList(), resend);
            for (String r : todo) {
                int seq = deliveries.latest(tenant, job, month.toString(), r).map(e -> e.seq() + 1).orElse(0);
                deliveries.create(new DeliveryLog.NewEntry(tenant, job, month.toString(), r, seq,
                        String.join(",", ws.reports().reports()), version, m.subject(), m.html(), m.text(), files, runId),
                        clock.instant());
            }
        }
        // the new rows and any left pending for this month: tried now, backoff or not, since the job was run on purpose
        releaseDeadClaims(tenant);
        int sent = 0;
        int pending = 0;
        for (DeliveryLog.Entry e : deliveries.forMonth(tenant, job, month.toString())) {
            if (DeliveryLog.SENT.equals(e.status())) {
                continue;
            }
            if (attempt(e, true)) {
                sent++;
            } else {
                pending++;
            }
        }
        String current = version;
        boolean changed = current != null && had.stream().anyMatch(e -> !e.version().equals(current));
        int already = (int) had.stream().filter(e -> DeliveryLog.SENT.equals(e.status())).count();
        return new Outcome(recipients.size(), sent, pending, already, changed);
    }

    /** Retries the tenant's unsent e-mails whose backoff has ended; returns how many went out. */
    public int retryDue(Workspace ws) {
        releaseDeadClaims(ws.tenant().id());
        List<DeliveryLog.Entry> due = deliveries.due(ws.tenant().id(), clock.instant());
        if (due.isEmpty()) {
            return 0;
        }
        if (!transport.configured()) {
            log.warn("{} deliveries pending and no SMTP server configured (LEADLEDGER_SMTP_HOST)", due.size());
            return 0;
        }
        int sent = 0;
        for (DeliveryLog.Entry e : due) {
            if (attempt(e, false)) {
                sent++;
            }
        }
        return sent;
    }

    /**
     * Rows a killed process of this host was sending are due again at once rather than after the lease.
     * It may have been killed after the server took the message: sending it again is what "at least once"
     * means, and the row's fixed Message-ID lets mail systems drop the copy.
     */
    private void releaseDeadClaims(String tenant) {
        for (DeliveryLog.Entry e : deliveries.sending(tenant)) {
            if (process.deadLocal(e.claimedBy()) && deliveries.releaseClaim(e.id(), e.claimedBy(), clock.instant())) {
                log.warn("delivery {} of {} to {} was being sent by {}, which is gone: due again", e.id(), e.month(),
                        e.recipient(), e.claimedBy());
            }
        }
    }

    /** Claims the row for this process, sends it, records the result; false when it is (still) unsent. */
    private boolean attempt(DeliveryLog.Entry e, boolean evenBeforeBackoff) {
        Instant now = clock.instant();
        boolean claimed = evenBeforeBackoff ? deliveries.claimNow(e.id(), now, now.plus(LEASE), process.self())
                : deliveries.claim(e.id(), now, now.plus(LEASE), process.self());
        if (!claimed) {
            return deliveries.get(e.id()).map(x -> DeliveryLog.SENT.equals(x.status())).orElse(false);
        }
        try {
            String messageId = e.messageId() != null ? e.messageId()
                    : MessageIds.of(e.tenant(), e.month(), e.recipient(), e.version(), e.seq());
            transport.send(new MailTransport.Mail(e.recipient(), e.subject(), e.text(), e.html(), attachmentsOf(e),
                    e.tenant() + "/" + e.id(), messageId));
            deliveries.sent(e.id(), clock.instant());
            log.info("reports for {} sent to {}", e.month(), e.recipient());
            return true;
        } catch (Exception ex) {
            int attempts = e.attempts() + 1;
            Instant retry = clock.instant().plus(backoff(attempts));
            deliveries.failed(e.id(), retry, message(ex));
            log.warn("reports for {} to {} not sent (attempt {}), retried after {}: {}", e.month(), e.recipient(), attempts,
                    retry, message(ex));
            return false;
        }
    }

    /** The row's files from the report archive; a row older than the archive falls back to the output folder. */
    private List<MailTransport.Attachment> attachmentsOf(DeliveryLog.Entry e) throws IOException {
        List<MailTransport.Attachment> out = new ArrayList<>();
        for (Path p : e.attachments()) {
            String name = p.getFileName().toString();
            Optional<byte[]> kept = archive.get(e.tenant(), e.month(), e.version(), name);
            if (kept.isPresent()) {
                out.add(new MailTransport.Attachment(name, kept.get()));
            } else if (Files.isRegularFile(p)) {
                out.add(new MailTransport.Attachment(name, Files.readAllBytes(p)));
            } else {
                throw new IllegalStateException("attachment " + name + " is neither in the report archive nor at "
                        + p.toAbsolutePath());
            }
        }
        return out;
    }

    /** 5 min, 10 min, 20 min ... up to 6 h between attempts. */
    static Duration backoff(int attempts) {
        Duration d = FIRST_RETRY.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 16));
        return d.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : d;
    }

    /** The files mailed for a month: every report's PDF, and its XLSX when attachXlsx is set. */
    public static List<Path> attachments(Workspace ws, YearMonth month) {
        Path dir = monthDir(ws, month);
        List<Path> files = new ArrayList<>();
        for (String id : ws.reports().reports()) {
            files.add(dir.resolve(id + "-" + month + ".pdf"));
            if (ws.delivery().attachXlsx()) {
                files.add(dir.resolve(id + "-" + month + ".xlsx"));
            }
        }
        return files;
    }

    static Path monthDir(Workspace ws, YearMonth month) {
        return Path.of(ws.reports().outDir()).resolve(ws.tenant().id()).resolve(month.toString()).toAbsolutePath();
    }

    static String message(Throwable t) {
        // the exception's own words and, where it does not already say it, what went wrong at the bottom
        String m = String.valueOf(t.getMessage());
        String root = NestedExceptionUtils.getMostSpecificCause(t).getMessage();
        return root == null || m.contains(root) ? m : m + ": " + root;
    }
}
