package io.leadledger.deliver;

import io.leadledger.jobs.Workspace;
import io.leadledger.warehouse.CountAuditRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * E-mails the operations addresses ({@code alerts:} in leadledger.yml) when a run fails or reports are
 * held back. An alert that cannot be mailed is logged at ERROR instead, so it still reaches a log shipper.
 */
@Component
public class OpsAlerts {

    private static final Logger log = LoggerFactory.getLogger(OpsAlerts.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final MailTransport transport;

    public OpsAlerts(MailTransport transport) {
        this.transport = transport;
    }

    /** The alert for a run that did not complete: which step failed and why, and how to go on. */
    public void runFailed(Workspace ws, JobExecution e) {
        if (e.getStatus() == BatchStatus.COMPLETED) {
            return;
        }
        String job = e.getJobInstance().getJobName();
        String month = e.getJobParameters().getString("month");
        List<String> failures = new ArrayList<>();
        DeliveryHeldException held = null;
        for (StepExecution s : e.getStepExecutions()) {
            for (Throwable t : s.getFailureExceptions()) {
                failures.add("Failed step: " + s.getStepName() + "\nMessage: " + ReportMailer.message(t));
                if (t instanceof DeliveryHeldException h) {
                    held = h;
                }
            }
        }
        for (Throwable t : e.getFailureExceptions()) {
            failures.add("Message: " + ReportMailer.message(t));
        }
        if (failures.isEmpty()) {
            failures.add("Status " + e.getStatus() + ": " + FreshnessGate.firstLine(e.getExitStatus().getExitDescription()));
        }
        String tenant = ws.tenant().name();
        String subject = held != null
                ? "[Leadledger] " + tenant + ": reports for " + held.month() + " NOT sent to executives"
                : "[Leadledger] " + tenant + ": " + job + (month == null ? "" : " " + month) + " run " + e.getId() + " "
                + e.getStatus();
        ZoneId zone = ws.tenant().zone();
        StringBuilder body = new StringBuilder();
        if (held != null) {
            body.append("The monthly reports for ").append(held.month()).append(" were written but not sent to the ")
                    .append("distribution list, because the data is not fit to report:\n\n")
                    .append(held.getMessage()).append("\n\nFix the nightly sync (leadledger history, leadledger restart <run>); ")
                    .append("the daemon sends the reports after the next successful sync, or run: leadledger run ")
                    .append(job).append(" --month ").append(held.month()).append("\n\n");
        }
        body.append("Tenant: ").append(ws.tenant().id()).append(" (").append(tenant).append(")\n")
                .append("Job: ").append(job).append(month == null ? "" : " for " + month).append(", run ").append(e.getId())
                .append(", status ").append(e.getStatus()).append('\n')
                .append("Host: ").append(host()).append('\n');
        if (e.getStartTime() != null) {
            body.append("Started: ").append(WHEN.format(e.getStartTime().atZone(ZoneId.systemDefault()).withZoneSameInstant(zone)))
                    .append(' ').append(zone).append('\n');
        }
        body.append('\n').append(String.join("\n\n", failures)).append("\n\n");
        if (job.equals(ws.sync().job())) {
            body.append("Once the cause is fixed, resume the run (files it completed are not loaded again):\n")
                    .append("  leadledger restart ").append(e.getId()).append(" --jobs ").append(ws.dir().toAbsolutePath()).append('\n');
        }
        send(ws, subject, body.toString());
    }

    /**
     * The alert for a sync whose count audit found an API source where the vendor's count and the warehouse's
     * differ (whatever the run's status): nothing when every source agrees or gives no count.
     */
    public void countsDiffer(Workspace ws, JobExecution e, List<CountAuditRepository.Line> lines) {
        List<CountAuditRepository.Line> differ = lines.stream().filter(CountAuditRepository.Line::differs).toList();
        if (differ.isEmpty()) {
            return;
        }
        String subject = "[Leadledger] " + ws.tenant().name() + ": count audit of run " + e.getId() + ": "
                + differ.size() + (differ.size() == 1 ? " API source differs" : " API sources differ");
        StringBuilder body = new StringBuilder()
                .append("After the nightly sync, the number of records an API says it holds is not the number the ")
                .append("warehouse holds for the source (live records: not deleted, not merged away).\n\n")
                .append("Tenant: ").append(ws.tenant().id()).append(" (").append(ws.tenant().name()).append(")\n")
                .append("Run: ").append(e.getId()).append(", status ").append(e.getStatus()).append('\n')
                .append("Host: ").append(host()).append("\n\n");
        for (CountAuditRepository.Line l : lines) {
            body.append(l.differs() ? "DIFFERS  " : "agrees   ").append(l.describe()).append('\n');
        }
        body.append("\nA record created or deleted in the tool while the sync ran is counted the next night; a ")
                .append("difference that stays says records were missed (or kept after they went). The reports' ")
                .append("appendix shows the same figures. To read a source again from the start, delete its line ")
                .append("in source_watermark and run the sync.\n");
        send(ws, subject, body.toString());
    }

    /** Mails an alert to the operations addresses; never throws, it logs instead. */
    public void send(Workspace ws, String subject, String text) {
        List<String> to = ws.delivery().alerts();
        if (to.isEmpty()) {
            log.error("ALERT (no 'alerts:' address in leadledger.yml, so not mailed): {}\n{}", subject, text);
            return;
        }
        for (String address : to) {
            try {
                transport.send(new MailTransport.Mail(address, subject, text, null, List.of(), null, null));
                log.info("alert sent to {}: {}", address, subject);
            } catch (Exception ex) {
                log.error("ALERT could not be mailed to {} ({}): {}\n{}", address, ReportMailer.message(ex), subject, text);
            }
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
