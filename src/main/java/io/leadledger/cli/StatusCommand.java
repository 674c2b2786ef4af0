package io.leadledger.cli;

import io.leadledger.deliver.DeliveryLog;
import io.leadledger.jobs.Workspace;
import io.leadledger.ops.OpsStatus;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.concurrent.Callable;

@Component
@Scope("prototype") // a fresh instance per command line: picocli option fields must not carry over
@Command(name = "status", description = "Where things stand: last run and last success per job, whether the data is fresh "
        + "enough to send the reports, e-mails still pending, and runs in progress.")
public class StatusCommand implements Callable<Integer> {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Mixin
    JobsOption jobs;
    @Spec
    CommandSpec spec;

    private final OpsStatus status;
    private final Clock clock;
    private final io.leadledger.warehouse.CountAuditRepository countAudit;

    public StatusCommand(OpsStatus status, Clock clock, io.leadledger.warehouse.CountAuditRepository countAudit) {
        this.status = status;
        this.countAudit = countAudit;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        if (jobs.everyTenant()) {
            return everyTenant();
        }
        Workspace ws = jobs.load();
        PrintWriter out = spec.commandLine().getOut();
        ZoneId zone = ws.tenant().zone();
        OpsStatus.Snapshot s = status.snapshot(ws);
        out.printf("tenant %s (%s), times in %s%n%n", ws.tenant().id(), ws.tenant().name(), zone);
        out.printf("%-16s %-28s %s%n", "job", "last success", "last run");
        for (OpsStatus.JobState j : new OpsStatus.JobState[] {s.sync(), s.reports()}) {
            out.printf("%-16s %-28s %s%n", j.job(), j.lastSuccess().map(l -> when(l.end(), zone)).orElse("never"),
                    j.lastRun().map(l -> "run " + l.id() + " " + l.status() + (l.month() == null ? "" : " " + l.month())
                            + (l.start() == null ? "" : ", started " + WHEN.format(l.start().atZone(zone)))).orElse("none")
                            + j.lock().map(h -> " [running: " + h + "]").orElse(""));
        }
        out.println();
        if (s.freshness().fresh()) {
            out.printf("freshness   ok: last successful sync %s, limit %d h; %d rows loaded, %d quarantined%n",
                    ago(s.freshness().lastSuccess()), s.freshness().maxAgeHours(), s.rowsLoaded(), s.rowsQuarantined());
        } else {
            out.println("freshness   REPORTS HELD BACK: " + s.freshness().reasons());
        }
        // the count audit of each API source, from its latest run: the vendor's count against the warehouse's
        for (var l : countAudit.latest(ws.tenant().id())) {
            out.println("counts      " + (l.differs() ? "DIFFER " : "") + l.describe() + " (run " + l.runId() + ")");
        }
        out.println("delivered   " + s.lastDelivered().map(m -> "reports for " + m).orElse("no month yet")
                + s.lastSent().map(e -> ", last e-mail " + when(e.sentAt(), zone) + " to " + e.recipient()).orElse(""));
        if (s.unsent().isEmpty()) {
            out.println("pending     no e-mails waiting");
        } else {
            out.printf("pending     %d e-mails not sent yet:%n", s.unsent().size());
            s.unsent().stream().sorted(Comparator.comparing(DeliveryLog.Entry::id)).forEach(e -> out.printf(
                    "            %s %s to %s: %d attempts, next %s%s%n", e.job(), e.month(), e.recipient(), e.attempts(),
                    when(e.nextAttemptAt(), zone), e.lastError() == null ? "" : " (" + e.lastError().lines().findFirst().orElse("") + ")"));
        }
        return Console.OK;
    }

    /** An agency's clients/: one line per tenant; --tenant ID shows one in full. */
    private int everyTenant() {
        PrintWriter out = spec.commandLine().getOut();
        io.leadledger.jobs.Clients.Loaded all = jobs.loadAll();
        out.printf("%-20s %-9s %-34s %-34s %s%n", "tenant", "data", "nightly sync (last run)", "monthly reports (last run)",
                "e-mails pending");
        boolean stale = false;
        for (Workspace ws : all.tenants()) {
            ZoneId zone = ws.tenant().zone();
            OpsStatus.Snapshot s = status.snapshot(ws);
            stale |= !s.freshness().fresh();
            out.printf("%-20s %-9s %-34s %-34s %d%n", ws.tenant().id(), s.freshness().fresh() ? "fresh" : "HELD BACK",
                    line(s.sync(), zone), line(s.reports(), zone), s.unsent().size());
        }
        for (io.leadledger.jobs.Clients.Broken b : all.broken()) {
            out.printf("%-20s %s%n", b.dir().getFileName(), "CANNOT BE READ: " + b.problem());
        }
        out.println();
        out.println("--tenant ID shows one tenant in full");
        return Console.OK;
    }

    private static String line(OpsStatus.JobState j, ZoneId zone) {
        return j.lastRun().map(l -> "run " + l.id() + " " + l.status() + (l.start() == null ? ""
                : " " + WHEN.format(l.start().atZone(zone)))).orElse("never") + j.lock().map(h -> " [running]").orElse("");
    }

    private String ago(Instant t) {
        if (t == null) {
            return "never";
        }
        Duration d = Duration.between(t, clock.instant());
        return d.toHours() >= 1 ? d.toHours() + " h ago" : Math.max(0, d.toMinutes()) + " min ago";
    }

    private String when(Instant t, ZoneId zone) {
        return t == null ? "" : WHEN.format(t.atZone(zone)) + " (" + ago(t) + ")";
    }
}
