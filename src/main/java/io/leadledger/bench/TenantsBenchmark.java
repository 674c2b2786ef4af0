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
 * time. With workers, the same rounds with the import's partitions sent to that many `leadledger worker` processes
 * started from this jar (remote partitioning). Prints wall times, tenants per hour, the CPU time of this process, of
 * the workers and of the database server (when it runs on this machine) against the wall time, and what the figures
 * predict for 500 tenants. Figures, not a test.
 */
@Component
@Lazy // built only when a 'bench' command runs
public class TenantsBenchmark {

    private final PipelineRunner runner;
    private final TenantTables tenantTables;
    private final io.leadledger.sync.RemotePartitioning remote;
    private final org.springframework.core.env.Environment env;
    private final List<Process> workerProcesses = new ArrayList<>();

    public TenantsBenchmark(PipelineRunner runner, TenantTables tenantTables, io.leadledger.sync.RemotePartitioning remote,
                            org.springframework.core.env.Environment env) {
        this.runner = runner;
        this.tenantTables = tenantTables;
        this.remote = remote;
        this.env = env;
    }

    public record Round(String name, Duration wall, double cpuSeconds) {

        double tenantsPerHour(int tenants) {
            return tenants * 3600.0 / Math.max(0.001, wall.toMillis() / 1000.0);
        }
    }

    public List<Round> run(int tenants, int leads, int workers, Path dir, PrintWriter out) throws Exception {
        if (workers > 0 && !remote.remote()) {
            throw new io.leadledger.jobs.JobsConfigException("bench tenants --workers: set LEADLEDGER_PARTITIONING=remote "
                    + "(and LEADLEDGER_RABBITMQ_* for a broker other than guest@127.0.0.1:5672)");
        }
        if (workers == 0 && remote.remote()) {
            throw new io.leadledger.jobs.JobsConfigException("bench tenants: LEADLEDGER_PARTITIONING=remote needs --workers N");
        }
        Files.createDirectories(dir);
        try {
            startWorkers(workers, dir, out);
            return rounds(tenants, leads, dir, out);
        } finally {
            stopWorkers(out);
        }
    }

    private List<Round> rounds(int tenants, int leads, Path dir, PrintWriter out) throws Exception {
        Path fx = dir.resolve("eurofxref.csv");
        BenchData.ecbRates(fx);
        List<Workspace> all = new ArrayList<>();
        for (int i = 1; i <= tenants; i++) {
            String id = String.format("bench-tenant-%02d", i);
            Path l = dir.resolve(id + "-leads.csv");
            Path d = dir.resolve(id + "-deals.csv");
            BenchData.leads(l, leads, 1000L + i);
            BenchData.deals(d, Math.max(1, leads / 10), leads, 2000L + i);
            all.add(BenchData.workspace(dir.resolve(id), id, id, l, d, fx));
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
        double workers0 = workersCpu();
        double db0 = databaseCpu();
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
        double db = databaseCpu() - db0;
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf("%-46s %7.1f s wall, %7.0f tenants/hour; CPU time: this process %.1f s%s, database %s (of %.1f s on "
                + "%d processors)%n", name, seconds, r.tenantsPerHour(all.size()), cpu,
                workerProcesses.isEmpty() ? "" : String.format(", %d workers %.1f s", workerProcesses.size(), workersCpu() - workers0),
                Double.isNaN(db) ? "not on this machine" : String.format("%.1f s", db), seconds * cores, cores);
        out.flush();
        return r;
    }

    private void clear(List<Workspace> all) {
        all.forEach(ws -> tenantTables.clear(ws.tenant().id()));
    }

    /** Starts the workers from this process's own jar, on its database and queue, and waits until they listen. */
    private void startWorkers(int n, Path dir, PrintWriter out) throws Exception {
        if (n == 0) {
            return;
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int i = 1; i <= n; i++) {
            List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path")));
            // the settings this process runs with (flags given here are not in the workers' environment)
            for (String key : List.of("spring.datasource.url", "spring.datasource.username", "leadledger.remote.queue",
                    "leadledger.import.batch-rows")) {
                String v = env.getProperty(key);
                if (v != null) {
                    cmd.add("-D" + key + "=" + v);
                }
            }
            cmd.add(System.getProperty("java.class.path").endsWith(".jar") ? "org.springframework.boot.loader.launch.JarLauncher"
                    : "io.leadledger.LeadledgerApplication");
            cmd.add("worker");
            Path log = dir.resolve("worker-" + i + ".log");
            workerProcesses.add(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start());
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!Files.readString(log).contains("leadledger worker: queue")) {
                if (System.nanoTime() > deadline || !workerProcesses.get(i - 1).isAlive()) {
                    throw new IllegalStateException("worker " + i + " did not start:\n" + Files.readString(log));
                }
                Thread.sleep(100);
            }
        }
        out.printf("%d worker processes started (logs in %s)%n", n, dir);
    }

    private void stopWorkers(PrintWriter out) throws InterruptedException {
        for (Process p : workerProcesses) {
            p.destroy();
            p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        workerProcesses.clear();
    }

    private double workersCpu() {
        return workerProcesses.stream().mapToDouble(p -> p.info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(0.0)).sum();
    }

    /** CPU time of a MariaDB/MySQL server on this machine (NaN when there is none: the database runs elsewhere). */
    private static double databaseCpu() {
        return ProcessHandle.allProcesses().filter(p -> p.info().command().map(c -> c.endsWith("/mariadbd")
                        || c.endsWith("/mysqld")).orElse(false)).findFirst()
                .flatMap(p -> p.info().totalCpuDuration()).map(d -> d.toMillis() / 1000.0).orElse(Double.NaN);
    }

    /** CPU time of this JVM, every thread, in seconds. */
    private static double cpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }
}
