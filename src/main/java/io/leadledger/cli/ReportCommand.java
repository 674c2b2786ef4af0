package io.leadledger.cli;

import io.leadledger.ops.PipelineRunner;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.Callable;

@Component
@Scope("prototype") // a fresh instance per command line: picocli option fields must not carry over
@Command(name = "report", description = "Write the monthly reports for a month from the warehouse as it is now.")
public class ReportCommand implements Callable<Integer> {

    @Mixin
    JobsOption jobs;
    @Option(names = "--month", paramLabel = "YYYY-MM", description = "Report month (default: last full month).")
    YearMonth month;
    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: 'out' of monthly-reports.yml).")
    Path out;
    @Option(names = "--format", split = ",", paramLabel = "pdf,xlsx", description = "Formats (default: those of monthly-reports.yml).")
    List<String> formats;
    @Spec
    CommandSpec spec;

    private final PipelineRunner runner;
    private final Console console;

    public ReportCommand(PipelineRunner runner, Console console) {
        this.runner = runner;
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        var ws = jobs.load();
        Path dir = out != null ? out : Path.of(ws.reports().outDir());
        List<String> f = formats != null ? formats.stream().map(String::trim).map(String::toLowerCase).toList()
                : ws.reports().formats();
        for (String x : f) {
            if (!x.equals("pdf") && !x.equals("xlsx")) {
                spec.commandLine().getErr().println("unknown format '" + x + "' (pdf, xlsx)");
                return Console.USAGE;
            }
        }
        YearMonth m = month != null ? month : runner.lastFullMonth(ws);
        int code = console.report(runner.runReports(ws, m, dir, f), spec.commandLine().getOut(), spec.commandLine().getErr());
        if (code == Console.OK) {
            spec.commandLine().getOut().println("reports written to " + dir.resolve(ws.tenant().id()).resolve(m.toString()).toAbsolutePath());
        }
        return code;
    }
}
