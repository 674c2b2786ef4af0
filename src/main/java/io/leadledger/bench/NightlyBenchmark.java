package io.leadledger.bench;

import io.leadledger.jobs.Workspace;
import io.leadledger.ops.PipelineRunner;
import io.leadledger.warehouse.TenantTables;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * `leadledger bench nightly`: three nights of one tenant through the real nightly sync, in the configured
 * warehouse: the first (everything new), one with a share of the leads and deals changed in the exports (a lead's
 * source, a deal's amount), and one with nothing changed. Prints each night's time, its reconcile's, what the
 * reconcile did (rebuilt, kept, or the increment's size), then the same data rebuilt with --full, and the ratios. Figures, not a test.
 */
@Component
@Lazy // built only when a 'bench' command runs
public class NightlyBenchmark {

    static final String TENANT = "bench-nightly";
    private final PipelineRunner runner;
    private final TenantTables tenantTables;

    public NightlyBenchmark(PipelineRunner runner, TenantTables tenantTables) {
        this.runner = runner;
        this.tenantTables = tenantTables;
    }

    public record Night(String name, Duration whole, Duration reconcile, String did) {
    }

    public List<Night> run(int leads, double changedPercent, Path dir, PrintWriter out) throws Exception {
        Files.createDirectories(dir);
        Path leadsFile = dir.resolve("nightly-leads.csv");
        Path dealsFile = dir.resolve("nightly-deals.csv");
        Path fxFile = dir.resolve("nightly-eurofxref.csv");
        int deals = Math.max(1, leads / 10);
        BenchData.leads(leadsFile, leads, 42);
        BenchData.deals(dealsFile, deals, leads, 43);
        BenchData.ecbRates(fxFile);
        tenantTables.clear(TENANT);
        Workspace ws = BenchData.workspace(dir.resolve("jobs"), TENANT, "bench-nightly", leadsFile, dealsFile, fxFile);
        out.printf("tenant %s: %,d leads, %,d deals; then %.2f %% of each changed, then nothing changed%n", TENANT, leads,
                deals, changedPercent);
        out.flush();

        Night first = night("first night (all new)", ws, out);
        int every = (int) Math.max(1, Math.round(100 / changedPercent));
        // a lead's source moves to the next one; a deal's amount grows by 1,000: each changes figures downstream
        long changedLeads = rewrite(leadsFile, every, f -> {
            f[8] = f[8].equals("Paid Search") ? "Organic Search" : "Paid Search";
            return f;
        });
        long changedDeals = rewrite(dealsFile, every, f -> {
            f[4] = new java.math.BigDecimal(f[4]).add(java.math.BigDecimal.valueOf(1000)).toPlainString();
            return f;
        });
        out.printf("changed %,d leads and %,d deals in the exports%n", changedLeads, changedDeals);
        Night changed = night("night with " + changedPercent + " % changed", ws, out);
        Night unchanged = night("night with nothing changed", ws, out);
        // the same data once more with --full: what the changed night would cost without the increment
        Night rebuilt = night("the same data rebuilt (--full)", ws, out, true);
        out.printf("ratio incremental/full (changed night / full rebuild of the same data): whole %.3f, reconcile %.3f"
                + "   (target <= 0.05)%n", ratio(changed.whole(), rebuilt.whole()), ratio(changed.reconcile(), rebuilt.reconcile()));
        out.printf("ratio changed night / first night: whole %.3f, reconcile %.3f%n",
                ratio(changed.whole(), first.whole()), ratio(changed.reconcile(), first.reconcile()));
        out.printf("ratio unchanged/full (unchanged night / full rebuild): whole %.3f, reconcile %.3f%n",
                ratio(unchanged.whole(), rebuilt.whole()), ratio(unchanged.reconcile(), rebuilt.reconcile()));
        return List.of(first, changed, unchanged, rebuilt);
    }

    private Night night(String name, Workspace ws, PrintWriter out) throws Exception {
        return night(name, ws, out, false);
    }

    private Night night(String name, Workspace ws, PrintWriter out, boolean full) throws Exception {
        long t0 = System.nanoTime();
        JobExecution e = runner.runSync(ws, null, full);
        Duration whole = Duration.ofNanos(System.nanoTime() - t0);
        if (e.getStatus() != BatchStatus.COMPLETED) {
            throw new IllegalStateException("benchmark sync failed: " + e.getAllFailureExceptions());
        }
        Duration reconcile = Duration.ZERO;
        for (StepExecution s : e.getStepExecutions()) {
            if (s.getStepName().equals("reconcile")) {
                reconcile = Duration.between(s.getStartTime(), s.getEndTime());
            }
        }
        String did = String.valueOf(io.leadledger.sync.SyncJobFactory.reconcileDid(e));
        Night n = new Night(name, whole, reconcile, did);
        out.printf("%-34s whole night %7.1f s, reconcile %7.1f s (%s)%n", name, whole.toMillis() / 1e3,
                reconcile.toMillis() / 1e3, did.length() > 110 ? did.substring(0, 110) + "..." : did);
        out.flush();
        return n;
    }

    /** Rewrites every {@code every}-th data row of a CSV export (no quoted commas in the generated files). */
    private static long rewrite(Path file, int every, UnaryOperator<String[]> change) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        long n = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write(r.readLine());
            w.write("\r\n");
            long row = 0;
            for (String line = r.readLine(); line != null; line = r.readLine(), row++) {
                if (row % every == 0) {
                    line = String.join(",", change.apply(line.split(",", -1)));
                    n++;
                }
                w.write(line);
                w.write("\r\n");
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        return n;
    }

    private static double ratio(Duration a, Duration b) {
        return (double) a.toMillis() / Math.max(1, b.toMillis());
    }

}
