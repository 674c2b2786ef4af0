package io.leadledger.cli;

import io.leadledger.demo.DemoDataGenerator;
import io.leadledger.demo.DemoSummary;
import io.leadledger.ops.PipelineRunner;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Component
@Scope("prototype") // a fresh instance per command line: picocli option fields must not carry over
@Command(name = "demo", description = "Generate 18 months of sample exports for a B2B company, run the nightly sync on "
        + "them and write the three reports for the last full month.")
public class DemoCommand implements Callable<Integer> {

    @Mixin
    JobsOption jobs;
    @Option(names = "--input", paramLabel = "DIR", defaultValue = "data/demo-input",
            description = "Where the sample exports are written; jobs/nightly-sync.yml reads them from there (default: ${DEFAULT-VALUE}).")
    Path input;
    @Option(names = "--out", paramLabel = "DIR", description = "Report directory (default: 'out' of monthly-reports.yml).")
    Path out;
    @Option(names = "--seed", defaultValue = "42", description = "Random seed of the sample data (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--month", paramLabel = "YYYY-MM", description = "Last month of the sample data and the report month (default: last full month).")
    YearMonth month;
    @Spec
    CommandSpec spec;

    private final PipelineRunner runner;
    private final Console console;

    public DemoCommand(PipelineRunner runner, Console console) {
        this.runner = runner;
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter e = spec.commandLine().getErr();
        var ws = jobs.load().withSourcesIn(input);
        YearMonth m = month != null ? month : runner.lastFullMonth(ws);
        DemoSummary s = new DemoDataGenerator(seed, m, ws.tenant().zone()).generate(input);
        o.printf("sample exports for %s, 18 months to %s, in %s: %d HubSpot contacts, %d Marketo leads (%d in both), "
                        + "%d deals (%d won), %d dirty rows%n", ws.tenant().name(), m, input.toAbsolutePath(),
                s.hubspotContacts(), s.marketoLeads(), s.overlappingPeople(), s.deals(), s.wonDeals(), s.dirtyRows());
        int code = console.report(runner.runSync(ws), o, e);
        if (code != Console.OK) {
            return code;
        }
        Path dir = out != null ? out : Path.of(ws.reports().outDir());
        code = console.report(runner.runReports(ws, m, dir, ws.reports().formats()), o, e);
        if (code != Console.OK) {
            return code;
        }
        Path monthDir = dir.resolve(ws.tenant().id()).resolve(m.toString());
        o.println();
        o.println("Reports for " + m + " are in " + monthDir.toAbsolutePath() + ":");
        try (Stream<Path> files = Files.list(monthDir)) {
            files.sorted().forEach(f -> o.println("  " + f.toAbsolutePath()));
        }
        return Console.OK;
    }
}
