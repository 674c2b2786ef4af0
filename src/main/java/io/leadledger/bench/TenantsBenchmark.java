package io.leadledger.bench;

import io.leadledger.jobs.Workspace;
import io.leadledger.ops.PipelineRunner;
import io.leadledger.warehouse.TenantTables;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * `leadledger bench tenants`: an agency's night in the configured warehouse. N tenants, each with its own generated
 * exports (L leads, L/10 deals, different seeds), synced first one after the other in one process, then again from
 * scratch two at a time (as the daemon runs an agency's clients/), then a quiet night (nothing changed) two at a
 * time. Prints wall times, tenants per hour, the process's own CPU time against the wall time (the rest is the
 * database and the disk) and what the figures predict for 500 tenants. Figures, not a test.
 */
@Component
@Lazy // built only when a 'bench' command runs
public class TenantsBenchmark {

    private final PipelineRunner runner;
    private final TenantTables tenantTables;

    public TenantsBenchmark(PipelineRunner runner, TenantTables tenantTables) {
        this.runner = runner;
        this.tenantTables = tenantTables;
    }

    public record Round(String name, Duration wall, double cpuSeconds) {

        double tenantsPerHour(int tenants) {
            return tenants * 3600.0 / Math.max(0.001, wall.toMillis() / 1000.0);
        }
    }

    public List<Round> run(int tenants, int leads, Path dir, PrintWriter out) throws Exception {
        Files.createDirectories(dir);
        Path fx = dir.resolve("eurofxref.csv");
        BenchData.ecbRates(fx);
        List<Workspace> all = new ArrayList<>();
        for (int i = 1; i <= tenants; i++) {
            String id = String.format("bench-tenant-%02d", i);
            Path l = dir.resolve(id + "-leads.csv");
            Path d = dir.resolve(id + "-deals.csv");
            BenchData.leads(l, leads, 1000L + i);
            BenchData.deals(d, Math.max(1, leads / 10), leads, 2000L + i);
            all.add(BenchData.workspace(id, id, l, d, fx));
        }
        out.printf("%d tenants of %,d leads and %,d deals each, in this warehouse; %d processors%n", tenants, leads,
                Math.max(1, leads / 10), Runtime.getRuntime().availableProcessors());
        out.flush();

        clear(all);
        Round one = round("first nights, one tenant at a time", all, 1, out);
        clear(all);
        Round two = round("first nights, two at a time", all, 2, out);
        Round quiet = round("quiet nights (nothing changed), two at a time", all, 2, out);
        clear(all);

        double perHour = two.tenantsPerHour(tenants);
        out.printf("%nfor 500 such tenants, two at a time on this machine: first nights %.1f h; quiet nights %.2f h%n",
                500 / perHour, 500 / quiet.tenantsPerHour(tenants));
        out.printf("two at a time against one at a time: %.2fx the tenants per hour%n",
                two.tenantsPerHour(tenants) / one.tenantsPerHour(tenants));
        return List.of(one, two, quiet);
    }

    private Round round(String name, List<Workspace> all, int atOnce, PrintWriter out) throws Exception {
        double cpu0 = cpuSeconds();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(atOnce);
        try {
            List<Future<JobExecution>> runs = new ArrayList<>();
            for (Workspace ws : all) {
                runs.add(pool.submit(() -> runner.runSync(ws)));
            }
            for (Future<JobExecution> f : runs) {
                JobExecution e = f.get();
                if (e.getStatus() != BatchStatus.COMPLETED) {
                    throw new IllegalStateException("benchmark sync failed: " + e.getAllFailureExceptions());
                }
            }
        } finally {
            pool.shutdown();
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - t0);
        double cpu = cpuSeconds() - cpu0;
        Round r = new Round(name, wall, cpu);
        double seconds = wall.toMillis() / 1000.0;
        out.printf("%-46s %7.1f s wall, %7.0f tenants/hour; this process's CPU %6.1f s (%.0f %% of the wall time on "
                + "%d processors; the rest: database and disk)%n", name, seconds, r.tenantsPerHour(all.size()), cpu,
                100 * cpu / Math.max(0.001, seconds * Runtime.getRuntime().availableProcessors()),
                Runtime.getRuntime().availableProcessors());
        out.flush();
        return r;
    }

    private void clear(List<Workspace> all) {
        all.forEach(ws -> tenantTables.clear(ws.tenant().id()));
    }

    /** CPU time of this JVM, every thread, in seconds. */
    private static double cpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }
}
