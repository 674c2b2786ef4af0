package io.leadledger.cli;

import io.leadledger.jobs.Workspace;
import io.leadledger.ops.ServedWorkspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Scope;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.time.Duration;

@Component
@Scope("prototype") // a fresh instance per command line: picocli option fields must not carry over
@Command(name = "console", description = "Serve the operations console (runs, quarantine, unmatched deals, reports, "
        + "health) without the daemon, on http://127.0.0.1:${LEADLEDGER_MANAGEMENT_PORT:-8081}/ (the daemon, 'schedule', "
        + "serves it too). Users from LEADLEDGER_CONSOLE_USERS or LEADLEDGER_CONSOLE_USERS_FILE (README 'Operations "
        + "console'). Stops on SIGTERM or Ctrl-C.", subcommands = HashPasswordCommand.class)
public class ConsoleCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ConsoleCommand.class);
    /** jobs/ is read again this often, as the daemon does on every pass. */
    private static final Duration RELOAD = Duration.ofSeconds(30);

    @Mixin
    JobsOption jobs;
    @Spec
    CommandSpec spec;

    private final ServedWorkspace served;
    private final Environment env;
    private final ConfigurableApplicationContext context;

    public ConsoleCommand(ServedWorkspace served, Environment env, ConfigurableApplicationContext context) {
        this.served = served;
        this.env = env;
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        // one tenant's jobs/, or an agency's clients/ (every tenant served, the header switching between them)
        boolean every = jobs.everyTenant();
        java.util.function.Supplier<List<Workspace>> read = () -> every ? jobs.loadAll().tenants() : List.of(jobs.load());
        List<Workspace> tenants = read.get();
        String port = env.getProperty("local.server.port");
        PrintWriter out = spec.commandLine().getOut();
        if (port == null) {
            spec.commandLine().getErr().println("error: no web server in this process (it starts for 'leadledger console' "
                    + "and 'leadledger schedule' only)");
            return Console.USAGE;
        }
        serve(tenants);
        if (every) {
            out.printf("leadledger console for %d tenants (%s), jobs in %s%n", tenants.size(),
                    String.join(", ", tenants.stream().map(w -> w.tenant().id()).toList()), jobs.jobs.toAbsolutePath());
        } else {
            Workspace ws = tenants.get(0);
            out.printf("leadledger console for tenant %s (%s), jobs in %s%n", ws.tenant().id(), ws.tenant().name(),
                    ws.dir().toAbsolutePath());
        }
        out.printf("  open http://%s:%s/%n", env.getProperty("server.address", "localhost"), port);
        out.flush();
        // serves until the application closes (SIGTERM, Ctrl-C); the pages are answered by the web server's threads
        long reloaded = System.nanoTime();
        while (context.isActive()) {
            Thread.sleep(1000);
            if (System.nanoTime() - reloaded >= RELOAD.toNanos() && context.isActive()) {
                reloaded = System.nanoTime();
                try {
                    serve(read.get());
                } catch (RuntimeException e) {
                    log.error("{} cannot be read, keeping the last good configuration: {}", jobs.jobs, e.getMessage());
                }
            }
        }
        return Console.OK;
    }

    private void serve(List<Workspace> tenants) {
        served.setAll(tenants);
        served.set(tenants.isEmpty() ? null : tenants.get(0));
    }
}
