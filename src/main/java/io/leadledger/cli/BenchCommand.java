package io.leadledger.cli;

import io.leadledger.bench.ImportBenchmark;
import io.leadledger.bench.ReportBenchmark;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.concurrent.Callable;

@Component
@Command(name = "bench", description = {"Benchmarks that print figures.",
        "'bench import': generate N leads + M deals, import them into the MySQL/MariaDB warehouse of LEADLEDGER_DB_URL "
                + "and compare with LOAD DATA LOCAL INFILE; then time the attribution step (8 models) on its own.",
        "'bench report': write a synthetic warehouse of N leads (tenant 'bench', once) into the configured warehouse, "
                + "then time the three reports of the month as PDF and XLSX, twice; prints each file's time, the total "
                + "and the peak heap.",
        "'bench api': a nightly sync of --contacts HubSpot contacts (default 200,000) from a local stub of HubSpot's "
                + "list endpoint at its page size (100), the vendor's rate limits off; prints records/s, the HTTP calls "
                + "against the minimum (pages needed) and, on MySQL/MariaDB, the import against LOAD DATA of the same rows.",
        "'bench nightly': four nights of one tenant of N leads (and N/10 deals) in the configured warehouse: all new, "
                + "--changed percent of leads and deals changed (an increment), nothing changed, the same data with --full; "
                + "prints each night's time, its reconcile's and the ratios incremental/full and unchanged/full.",
        "'bench tenants': an agency's night: --tenants tenants of N leads each (default 20 of 50,000), synced one at a "
                + "time, then two at a time, then a quiet night; with --workers N, the import's partitions run on N worker processes; "
                + "prints wall times, tenants per hour, the CPU time of this process, the workers and the database, and "
                + "what that predicts for 500 tenants."})
public class BenchCommand implements Callable<Integer> {

    @Parameters(paramLabel = "WHAT", description = "import | report | api | nightly | tenants")
    String what;
    @Option(names = "--leads", description = "Leads to generate (default: 1,000,000; tenants: 50,000 per tenant).")
    Integer leadsOption;
    @Option(names = "--tenants", defaultValue = "20", description = "tenants: how many tenants (default: ${DEFAULT-VALUE}).")
    int tenants;
    @Option(names = "--workers", defaultValue = "0", description = "tenants: start this many `leadledger worker` processes "
            + "from this jar and send the import's partitions to them (needs LEADLEDGER_PARTITIONING=remote and RabbitMQ).")
    int workers;
    @Option(names = "--deals", description = "import: deals to generate (default: leads / 10).")
    Integer deals;
    @Option(names = "--contacts", defaultValue = "200000", description = "api: contacts the stub serves (default: ${DEFAULT-VALUE}).")
    int contacts;
    @Option(names = "--month", paramLabel = "YYYY-MM", description = "report: the report month; the synthetic warehouse "
            + "covers the 24 months ending with it (default: 2026-10).")
    YearMonth month;
    @Option(names = "--dir", defaultValue = "data/bench", description = "Where the files go (default: ${DEFAULT-VALUE}; "
            + "report: <dir>/reports).")
    Path dir;
    @Option(names = "--changed", defaultValue = "1", paramLabel = "PERCENT", description = "nightly: the share of leads "
            + "and deals changed for the second night, in percent (default: ${DEFAULT-VALUE}).")
    double changed;
    @Spec
    CommandSpec spec;

    // providers: the benchmarks (@Lazy) are built when a benchmark runs, not whenever the application starts
    private final ObjectProvider<ImportBenchmark> importBenchmark;
    private final ObjectProvider<ReportBenchmark> reportBenchmark;
    private final ObjectProvider<io.leadledger.bench.ApiBenchmark> apiBenchmark;
    private final ObjectProvider<io.leadledger.bench.NightlyBenchmark> nightlyBenchmark;
    private final ObjectProvider<io.leadledger.bench.TenantsBenchmark> tenantsBenchmark;

    public BenchCommand(ObjectProvider<ImportBenchmark> importBenchmark, ObjectProvider<ReportBenchmark> reportBenchmark,
                        ObjectProvider<io.leadledger.bench.ApiBenchmark> apiBenchmark,
                        ObjectProvider<io.leadledger.bench.NightlyBenchmark> nightlyBenchmark,
                        ObjectProvider<io.leadledger.bench.TenantsBenchmark> tenantsBenchmark) {
        this.tenantsBenchmark = tenantsBenchmark;
        this.nightlyBenchmark = nightlyBenchmark;
        this.apiBenchmark = apiBenchmark;
        this.importBenchmark = importBenchmark;
        this.reportBenchmark = reportBenchmark;
    }

    @Override
    public Integer call() throws Exception {
        int leads = leadsOption != null ? leadsOption : what.equals("tenants") ? 50_000 : 1_000_000;
        switch (what) {
            case "import" -> importBenchmark.getObject().run(leads, deals != null ? deals : Math.max(1, leads / 10), dir,
                    spec.commandLine().getOut());
            case "report" -> reportBenchmark.getObject().run(leads, month != null ? month : ReportBenchmark.DEFAULT_MONTH,
                    dir.resolve("reports"), spec.commandLine().getOut());
            case "api" -> apiBenchmark.getObject().run(contacts, dir.resolve("api"), spec.commandLine().getOut());
            case "nightly" -> {
                if (!(changed > 0 && changed <= 100)) {
                    spec.commandLine().getErr().println("--changed: a percentage above 0 and at most 100");
                    return Console.USAGE;
                }
                nightlyBenchmark.getObject().run(leads, changed, dir.resolve("nightly"), spec.commandLine().getOut());
            }
            case "tenants" -> {
                if (tenants < 1) {
                    spec.commandLine().getErr().println("--tenants: at least 1");
                    return Console.USAGE;
                }
                if (workers < 0) {
                    spec.commandLine().getErr().println("--workers: 0 or more");
                    return Console.USAGE;
                }
                tenantsBenchmark.getObject().run(tenants, leads, workers, dir.resolve("tenants"), spec.commandLine().getOut());
            }
            default -> {
                spec.commandLine().getErr().println("unknown benchmark '" + what + "' (import, report, api, nightly, tenants)");
                return Console.USAGE;
            }
        }
        return Console.OK;
    }
}
