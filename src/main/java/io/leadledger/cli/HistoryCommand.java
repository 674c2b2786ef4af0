package io.leadledger.cli;

import io.leadledger.ops.RunHistory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Component
@Scope("prototype") // a fresh instance per command line: picocli option fields must not carry over
@Command(name = "history", description = "Recent runs: status, duration and row counts (read = loaded + quarantined + duplicates).")
public class HistoryCommand implements Callable<Integer> {

    @Mixin
    JobsOption jobs;
    @Option(names = "--limit", defaultValue = "20", description = "How many runs (default: ${DEFAULT-VALUE}).")
    int limit;
    @Spec
    CommandSpec spec;

    private final RunHistory history;

    public HistoryCommand(RunHistory history) {
        this.history = history;
    }

    @Override
    public Integer call() {
        if (jobs.everyTenant()) { // an agency's clients/: each tenant's runs under its name
            var all = jobs.loadAll();
            for (var ws : all.tenants()) {
                spec.commandLine().getOut().println("== tenant " + ws.tenant().id());
                history(ws);
            }
            all.broken().forEach(b -> spec.commandLine().getOut().println("== " + b.dir().getFileName()
                    + ": cannot be read: " + b.problem()));
            return Console.OK;
        }
        history(jobs.load());
        return Console.OK;
    }

    private void history(io.leadledger.jobs.Workspace ws) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%6s  %-16s %-10s %-19s %9s %10s %10s %12s %11s  %s%n", "run", "job", "status", "started",
                "duration", "read", "loaded", "quarantined", "duplicates", "balanced");
        for (RunHistory.Run r : history.recent(ws.tenant().id(), limit)) {
            out.printf("%6d  %-16s %-10s %-19s %9s %10d %10d %12d %11d  %s%n", r.id(), r.job(), r.status(),
                    r.start() == null ? "" : r.start().withNano(0).toString().replace('T', ' '),
                    r.duration() == null ? "" : String.format("%.1fs", r.duration().toMillis() / 1000.0),
                    r.read(), r.loaded(), r.quarantined(), r.duplicates(), r.balanced() ? "yes" : "NO");
            if (!"COMPLETED".equals(r.status()) && r.exitMessage() != null && !r.exitMessage().isBlank()) {
                out.println("        " + r.exitMessage().lines().findFirst().orElse(""));
            }
        }
    }
}
