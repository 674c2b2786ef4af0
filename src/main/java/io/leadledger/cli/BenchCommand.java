package io.leadledger.cli;

import io.leadledger.bench.ImportBenchmark;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Component
@Command(name = "bench", description = "Benchmarks that print figures. 'bench import': generate N leads + M deals, "
        + "import them into the MySQL/MariaDB warehouse of LEADLEDGER_DB_URL and compare with LOAD DATA LOCAL INFILE; "
        + "then time the attribution step (8 models) on its own.")
public class BenchCommand implements Callable<Integer> {

    @Parameters(paramLabel = "WHAT", description = "import")
    String what;
    @Option(names = "--leads", defaultValue = "1000000", description = "Leads to generate (default: ${DEFAULT-VALUE}).")
    int leads;
    @Option(names = "--deals", description = "Deals to generate (default: leads / 10).")
    Integer deals;
    @Option(names = "--dir", defaultValue = "data/bench", description = "Where the files go (default: ${DEFAULT-VALUE}).")
    Path dir;
    @Spec
    CommandSpec spec;

    private final ImportBenchmark importBenchmark;

    public BenchCommand(ImportBenchmark importBenchmark) {
        this.importBenchmark = importBenchmark;
    }

    @Override
    public Integer call() throws Exception {
        if (!"import".equals(what)) {
            spec.commandLine().getErr().println("unknown benchmark '" + what + "' (import)");
            return Console.USAGE;
        }
        importBenchmark.run(leads, deals != null ? deals : Math.max(1, leads / 10), dir, spec.commandLine().getOut());
        return Console.OK;
    }
}
