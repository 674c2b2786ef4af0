package io.leadledger.cli;

import io.leadledger.deliver.MailTransport;
import io.leadledger.jobs.Workspace;
import io.leadledger.schedule.Daemon;
import io.leadledger.schedule.JobSchedule;
import org.springframework.core.env.Environment;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

@Component
@Scope("prototype") // a fresh instance per command line: picocli option fields must not carry over
@Command(name = "schedule", description = "Run as a daemon: the nightly sync and the monthly reports on the cron "
        + "expressions of jobs/, catching up once on what was missed while it was down, and retrying pending e-mails. "
        + "Several daemons on the same warehouse never run a job twice. Health and metrics on "
        + "http://127.0.0.1:${LEADLEDGER_MANAGEMENT_PORT:-8081}/actuator/health, the operations console on .../. Stops on SIGTERM or Ctrl-C.")
public class ScheduleCommand implements Callable<Integer> {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

    @Mixin
    JobsOption jobs;
    @Option(names = "--once", description = "One pass (run what is due now, retry pending e-mails), then exit.")
    boolean once;
    @Option(names = "--every", paramLabel = "SECONDS", defaultValue = "30",
            description = "Seconds between passes (default: ${DEFAULT-VALUE}).")
    int every;
    @Spec
    CommandSpec spec;

    private final Daemon daemon;
    private final MailTransport mail;
    private final Clock clock;
    private final Environment env;

    public ScheduleCommand(Daemon daemon, MailTransport mail, Clock clock, Environment env) {
        this.daemon = daemon;
        this.mail = mail;
        this.clock = clock;
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        if (every < 1) {
            spec.commandLine().getErr().println("--every must be at least 1 second");
            return Console.USAGE;
        }
        if (jobs.everyTenant()) {
            return everyTenant();
        }
        Workspace ws = jobs.load();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("leadledger schedule for tenant %s (%s), jobs in %s%n", ws.tenant().id(), ws.tenant().name(),
                ws.dir().toAbsolutePath());
        for (JobSchedule s : new JobSchedule[] {JobSchedule.sync(ws), JobSchedule.reports(ws)}) {
            out.printf("  %s, next %s%n", s, s.next(clock.instant()).map(t -> WHEN.format(t.atZone(s.zone()))).orElse("never"));
        }
        out.println("  mail: " + mail.describe() + ", alerts to " + (ws.delivery().alerts().isEmpty()
                ? "nobody (add 'alerts:' to leadledger.yml)" : String.join(", ", ws.delivery().alerts())));
        String port = env.getProperty("local.server.port");
        if (port != null) {
            out.printf("  health and metrics: http://%s:%s/actuator/health%n", env.getProperty("server.address", "localhost"), port);
            out.printf("  operations console: http://%s:%s/%n", env.getProperty("server.address", "localhost"), port);
        }
        out.flush();
        daemon.run(ws, Duration.ofSeconds(every), once);
        return Console.OK;
    }

    /** An agency's clients/: one daemon for every tenant, each on its own schedule in its own time zone. */
    private int everyTenant() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        io.leadledger.jobs.Clients.Loaded all = jobs.loadAll();
        out.printf("leadledger schedule for %d tenants in %s, mail: %s%n", all.tenants().size(),
                jobs.jobs.toAbsolutePath(), mail.describe());
        for (Workspace ws : all.tenants()) {
            out.printf("  %-20s sync next %s, reports next %s, alerts to %s%n", ws.tenant().id(),
                    next(JobSchedule.sync(ws)), next(JobSchedule.reports(ws)),
                    ws.delivery().alerts().isEmpty() ? "nobody" : String.join(", ", ws.delivery().alerts()));
        }
        all.broken().forEach(b -> out.printf("  %-20s CANNOT BE READ (not run until fixed): %s%n", b.dir().getFileName(),
                b.problem()));
        out.flush();
        daemon.run(jobs.jobs, all.tenants(), Duration.ofSeconds(every), once);
        return Console.OK;
    }

    private String next(JobSchedule s) {
        return s.next(clock.instant()).map(t -> WHEN.format(t.atZone(s.zone())) + " " + s.zone()).orElse("never");
    }
}
