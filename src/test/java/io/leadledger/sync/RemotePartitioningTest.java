package io.leadledger.sync;

import io.leadledger.ops.KillRecoveryTest;
import io.leadledger.support.CliDriver;
import io.leadledger.support.OpsTenant;
import io.leadledger.support.ReconciledTables;
import io.leadledger.support.TestWarehouse;
import io.leadledger.support.WorkerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Work over several machines (issue 14): the manager (the test's own context, {@code leadledger.partitioning=remote})
 * sends the import's partitions through this machine's real RabbitMQ to `leadledger worker` JVMs of their own, all on
 * one MariaDB warehouse. Whatever the workers do, the warehouse must be what one process makes of the same files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemotePartitioningTest {

    static final String QUEUE = "leadledger.test." + ProcessHandle.current().pid();

    Path tmp;
    TestWarehouse local;
    TestWarehouse manager;

    @BeforeAll
    void start() throws Exception {
        tmp = Files.createTempDirectory("ll-remote");
        local = TestWarehouse.mariadb("leadledger_remote");
        manager = local.sharing(null, "--leadledger.partitioning=remote", "--leadledger.remote.queue=" + QUEUE,
                "--leadledger.remote.stall-timeout=6s", "--leadledger.remote.start-timeout=120s",
                "--leadledger.remote.poll-interval=200ms");
    }

    @AfterAll
    void stop() {
        try {
            // the queues of this class, also those a failed test left behind
            RabbitAdmin admin = new RabbitAdmin(manager.bean(RemotePartitioning.class).connections());
            for (String q : List.of(QUEUE, QUEUE + ".idle", QUEUE + ".beat", QUEUE + ".health")) {
                admin.deleteQueue(q);
            }
        } finally {
            manager.close();
            local.close();
        }
    }

    /**
     * Twenty client companies, one of them with a deals export that lost its columns: run by one process, and by a
     * manager with two workers. Every tenant's reconciled tables, staging counts and audit lines are the same row for
     * row; the poisoned tenant fails alone, naming its source, in both; both workers took partitions.
     */
    @Test
    void twentyTenantsOnTwoWorkersAreWhatOneProcessMakes() throws Exception {
        Path one = tmp.resolve("one-process");
        Path spread = tmp.resolve("spread");
        for (int i = 1; i <= 20; i++) {
            tenant(one.resolve("c" + i), "l-" + i, i * 40, i == 7);
            tenant(spread.resolve("c" + i), "r-" + i, i * 40, i == 7);
        }
        CliDriver.Result alone = CliDriver.run(local, "run", "nightly-sync", "--jobs", one.toString());
        assertEquals(1, alone.code(), alone::toString);
        assertThat(alone.out()).contains("l-7: exit 1", "l-6: ok");

        CliDriver.Result remote;
        try (WorkerProcess w1 = WorkerProcess.start(local, QUEUE, tmp.resolve("worker-1.log"));
             WorkerProcess w2 = WorkerProcess.start(local, QUEUE, tmp.resolve("worker-2.log"))) {
            remote = CliDriver.run(manager, "run", "nightly-sync", "--jobs", spread.toString());
            assertThat(w1.log()).as("worker 1 ran partitions").containsPattern("import:.*: run \\d+, partition");
            assertThat(w2.log()).as("worker 2 ran partitions").containsPattern("import:.*: run \\d+, partition");
            // each tenant's reconcile ran on a worker too
            String logs = w1.log() + w2.log();
            for (int i = 1; i <= 20; i++) {
                assertThat(logs).contains("reconcile:r-" + i + ": COMPLETED");
            }
        }
        assertThat(remote.out()).contains("reconcile: rebuilt");
        assertEquals(1, remote.code(), remote::toString);
        assertThat(remote.out()).contains("tenants: r-1: ok", "r-7: exit 1", "r-20: ok");
        assertThat(remote.err()).contains("not loaded in this run: source 'crm-deals'");
        for (int i = 1; i <= 20; i++) {
            assertThat(ReconciledTables.of(local, "r-" + i)).as("tenant %d", i).isEqualTo(ReconciledTables.of(local, "l-" + i));
            assertThat(loaded("r-" + i)).as("tenant %d", i).isEqualTo(loaded("l-" + i));
        }
        assertThat(local.count("core_lead", "r-20")).isEqualTo(20 * 40 + 4);
        assertThat(local.count("core_deal", "r-7")).isZero();
    }

    /**
     * A worker killed with SIGKILL in the middle of a file: the manager notices its partition fell silent, fails the
     * run naming it; `restart` sends only that partition (to a new worker), and the warehouse equals an uninterrupted
     * run's.
     */
    @Test
    void aKilledWorkersPartitionFailsTheRunAndRestartFinishesIt() throws Exception {
        tenant(tmp.resolve("kill-ref"), "k-ref", 60_000, false);
        tenant(tmp.resolve("kill-run"), "k-run", 60_000, false);
        CliDriver.Result ref = CliDriver.run(local, "run", "nightly-sync", "--jobs", tmp.resolve("kill-ref").toString());
        assertEquals(0, ref.code(), ref::toString);

        CliDriver.Result failed;
        // small chunks: the file takes a few hundred commits, so the kill lands in the middle of it
        try (WorkerProcess w = WorkerProcess.start(local, QUEUE, tmp.resolve("doomed.log"), "leadledger.import.batch-rows=200")) {
            CompletableFuture<CliDriver.Result> run = CompletableFuture.supplyAsync(() ->
                    CliDriver.run(manager, "run", "nightly-sync", "--jobs", tmp.resolve("kill-run").toString()));
            awaitCommits("k-run", "leads2.csv", "STARTED", 5, () -> run.isDone() ? run.get() + "\n" + w.log() : null);
            w.kill();
            // another worker: the failed run's reconcile goes on without the lost file, as on one machine
            try (WorkerProcess second = WorkerProcess.start(local, QUEUE, tmp.resolve("second.log"))) {
                failed = run.get(120, TimeUnit.SECONDS);
                assertThat(second.log()).contains("reconcile:k-run: COMPLETED");
            }
        }
        assertEquals(1, failed.code(), failed::toString);
        assertThat(failed.err()).contains("not loaded in this run: source 'crm-leads'",
                "import:crm-leads:" + tmp.resolve("kill-run").resolve("leads2.csv"), "its worker stopped reporting progress");
        Matcher m = Pattern.compile("run (\\d+) \\(nightly-sync\\) FAILED").matcher(failed.err());
        assertThat(m.find()).as(failed.err()).isTrue();
        long runId = Long.parseLong(m.group(1));

        CliDriver.Result restarted;
        try (WorkerProcess w = WorkerProcess.start(local, QUEUE, tmp.resolve("third.log"))) {
            restarted = CliDriver.run(manager, "restart", String.valueOf(runId), "--jobs", tmp.resolve("kill-run").toString());
            // only the import partition that did not complete went out again (and the reconcile, as on every restart)
            assertThat(w.log().lines().filter(l -> l.contains("import:") && l.contains(": run "))).hasSize(1)
                    .allMatch(l -> l.contains("leads2.csv"));
            assertThat(w.log()).contains("reconcile:k-run: COMPLETED");
        }
        assertEquals(0, restarted.code(), restarted::toString);
        assertThat(ReconciledTables.of(local, "k-run")).isEqualTo(ReconciledTables.of(local, "k-ref"));
        assertThat(loaded("k-run")).isEqualTo(loaded("k-ref"));
        // the file's audit line over both attempts: every row read once, and read = loaded + quarantined + duplicates
        Map<String, Object> line = local.jdbc().queryForMap("""
                SELECT SUM(rows_read) AS r, SUM(rows_loaded) AS l, SUM(rows_quarantined) AS q, SUM(rows_duplicate) AS d
                FROM run_audit WHERE tenant = 'k-run' AND source_file LIKE '%leads2.csv' AND status <> 'failed'""");
        assertThat(((Number) line.get("r")).longValue()).isEqualTo(60_001);
        assertThat(((Number) line.get("r")).longValue()).isEqualTo(((Number) line.get("l")).longValue()
                + ((Number) line.get("q")).longValue() + ((Number) line.get("d")).longValue());
    }

    /**
     * The manager killed (SIGKILL) while a worker is in the middle of a file: the worker does not know and goes on.
     * `restart` from another manager marks the dead run's partitions FAILED (Batch's recover) and sends the unfinished
     * file again; the worker's old attempt loses its next commit to the version check and rolls that chunk back, so
     * the two attempts never both count. The warehouse equals an uninterrupted run's.
     */
    @Test
    void aKilledManagersRunIsRestartedWhileItsWorkerStillRuns() throws Exception {
        tenant(tmp.resolve("crash-ref"), "c-ref", 60_000, false);
        tenant(tmp.resolve("crash-run"), "c-run", 60_000, false);
        CliDriver.Result ref = CliDriver.run(local, "run", "nightly-sync", "--jobs", tmp.resolve("crash-ref").toString());
        assertEquals(0, ref.code(), ref::toString);

        try (WorkerProcess w = WorkerProcess.start(local, QUEUE, tmp.resolve("outlives.log"), "leadledger.import.batch-rows=200")) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    "-Dspring.datasource.url=" + local.url(), "-Dspring.datasource.username=" + TestWarehouse.MARIADB_USER,
                    "-Dspring.datasource.password=" + TestWarehouse.MARIADB_PASSWORD, "-Dleadledger.partitioning=remote",
                    "-Dleadledger.remote.queue=" + QUEUE, "io.leadledger.LeadledgerApplication",
                    "run", "nightly-sync", "--jobs", tmp.resolve("crash-run").toString()));
            Process managerProcess = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("dead-manager.log").toFile()).start();
            try {
                awaitCommits("c-run", "leads2.csv", "STARTED", 5, () -> managerProcess.isAlive() ? null
                        : Files.readString(tmp.resolve("dead-manager.log")) + "\n" + w.log());
            } finally {
                managerProcess.destroyForcibly();
            } // SIGKILL: its lock, its run and its partitions are left as they were
            assertThat(managerProcess.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Long runId = local.jdbc().queryForObject("""
                    SELECT MAX(s.JOB_EXECUTION_ID) FROM BATCH_STEP_EXECUTION s
                    WHERE s.STEP_NAME LIKE 'import:crm-leads:%crash-run/leads2.csv'""", Long.class);

            CliDriver.Result restarted = CliDriver.run(manager, "restart", String.valueOf(runId), "--jobs",
                    tmp.resolve("crash-run").toString());
            assertEquals(0, restarted.code(), restarted + "\n" + w.log());
            assertThat(w.log()).contains("crash-run/leads2.csv: COMPLETED", "reconcile:c-run: COMPLETED");
        }
        assertThat(ReconciledTables.of(local, "c-run")).isEqualTo(ReconciledTables.of(local, "c-ref"));
        assertThat(loaded("c-run")).isEqualTo(loaded("c-ref"));
    }

    /**
     * The broker stops while a worker is in the middle of a file and stays down past the next file's turn: the file
     * under way is finished (the worker took it already; the job repository, not the broker, keeps its state), the
     * next file cannot be sent and fails the run cleanly, naming the broker; once the broker is back (and the worker
     * has reconnected on its own), `restart` sends just that file and the warehouse equals an uninterrupted run's.
     */
    @Test
    void aBrokerRestartMidRunFailsCleanlyAndRestartFinishes() throws Exception {
        for (String t : List.of("b-ref", "b-run")) {
            Path dir = tmp.resolve(t);
            tenant(dir, t, 60_000, false);
            // the big file first this time, so the broker can go down while it loads and stay down at the next turn
            Files.move(dir.resolve("leads.csv"), dir.resolve("small.tmp"));
            Files.move(dir.resolve("leads2.csv"), dir.resolve("leads.csv"));
            Files.move(dir.resolve("small.tmp"), dir.resolve("leads2.csv"));
        }
        CliDriver.Result ref = CliDriver.run(local, "run", "nightly-sync", "--jobs", tmp.resolve("b-ref").toString());
        assertEquals(0, ref.code(), ref::toString);

        try (WorkerProcess w = WorkerProcess.start(local, QUEUE, tmp.resolve("through-restart.log"), "leadledger.import.batch-rows=200")) {
            CliDriver.Result failed;
            try {
                CompletableFuture<CliDriver.Result> run = CompletableFuture.supplyAsync(() ->
                        CliDriver.run(manager, "run", "nightly-sync", "--jobs", tmp.resolve("b-run").toString()));
                java.util.concurrent.Callable<String> ended = () -> run.isDone() ? run.get() + "\n" + w.log() : null;
                awaitCommits("b-run", "leads.csv", "STARTED", 3, ended);
                rabbitmqctl("stop_app");
                awaitCommits("b-run", "leads.csv", "COMPLETED", 1, ended);
                failed = run.get(120, TimeUnit.SECONDS);
            } finally {
                rabbitmqctl("start_app");
            }
            assertEquals(1, failed.code(), failed::toString);
            assertThat(failed.err()).contains("import:crm-leads:" + tmp.resolve("b-run").resolve("leads2.csv"),
                    "not sent to a worker: RabbitMQ at 127.0.0.1:5672 as guest cannot be reached");
            Matcher m = Pattern.compile("run (\\d+) \\(nightly-sync\\) FAILED").matcher(failed.err());
            assertThat(m.find()).as(failed.err()).isTrue();

            CliDriver.Result restarted = CliDriver.run(manager, "restart", m.group(1), "--jobs", tmp.resolve("b-run").toString());
            assertEquals(0, restarted.code(), restarted + "\n" + w.log());
            assertThat(w.log()).contains("b-run/leads2.csv: COMPLETED");
        }
        assertThat(ReconciledTables.of(local, "b-run")).isEqualTo(ReconciledTables.of(local, "b-ref"));
        assertThat(loaded("b-run")).isEqualTo(loaded("b-ref"));
    }

    /**
     * The monthly reports with remote partitioning: a partition per report, each rendered by a worker into the shared
     * output directory. Every number of the six files equals what one process renders.
     */
    @Test
    void monthlyReportsRenderedOnWorkersAreWhatOneProcessRenders() throws Exception {
        Path dir = tmp.resolve("reporting");
        tenant(dir, "rep", 200, false);
        CliDriver.Result sync = CliDriver.run(local, "run", "nightly-sync", "--jobs", dir.toString());
        assertEquals(0, sync.code(), sync::toString);
        Path alone = tmp.resolve("rendered-alone");
        Path spread = tmp.resolve("rendered-spread");
        CliDriver.Result one = CliDriver.run(local, "report", "--month", "2026-10", "--out", alone.toString(), "--jobs", dir.toString());
        assertEquals(0, one.code(), one::toString);
        try (WorkerProcess w1 = WorkerProcess.start(local, QUEUE, tmp.resolve("render-1.log"));
             WorkerProcess w2 = WorkerProcess.start(local, QUEUE, tmp.resolve("render-2.log"))) {
            CliDriver.Result two = CliDriver.run(manager, "report", "--month", "2026-10", "--out", spread.toString(),
                    "--jobs", dir.toString());
            assertEquals(0, two.code(), two::toString);
            String logs = w1.log() + w2.log();
            assertThat(logs).contains("render:lead-production: run", "render:sales-performance: run", "render:roi: run");
        }
        List<String> files;
        try (var list = Files.list(alone.resolve("rep").resolve("2026-10"))) {
            files = list.map(f -> f.getFileName().toString()).sorted().toList();
        }
        assertThat(files).hasSize(6);
        for (String f : files) {
            Path mine = spread.resolve("rep").resolve("2026-10").resolve(f);
            Path ref = alone.resolve("rep").resolve("2026-10").resolve(f);
            if (f.endsWith(".xlsx")) {
                assertThat(KillRecoveryTest.xlsxNumbers(mine)).as(f).isNotEmpty().isEqualTo(KillRecoveryTest.xlsxNumbers(ref));
            } else {
                assertThat(KillRecoveryTest.pdfNumbers(Files.readAllBytes(mine))).as(f)
                        .isEqualTo(KillRecoveryTest.pdfNumbers(Files.readAllBytes(ref)));
            }
        }
    }

    /**
     * A manager that gives up on a partition after one silent second, and a worker beating every 300 ms: a file
     * whose chunks take longer than that to commit, and a reconcile that commits nothing for seconds, both complete.
     * Without the heartbeat the manager would fail them as lost.
     */
    @Test
    void theHeartbeatKeepsLongPartitionsAlive() throws Exception {
        String q = QUEUE + ".beat";
        Path dir = tmp.resolve("long");
        tenant(dir, "long", 60_000, false);
        try (TestWarehouse impatient = local.sharing(null, "--leadledger.partitioning=remote", "--leadledger.remote.queue=" + q,
                "--leadledger.remote.stall-timeout=1s", "--leadledger.remote.poll-interval=100ms");
             WorkerProcess w = WorkerProcess.start(local, q, tmp.resolve("beating.log"), "leadledger.remote.heartbeat=300ms")) {
            CliDriver.Result run = CliDriver.run(impatient, "run", "nightly-sync", "--jobs", dir.toString());
            assertEquals(0, run.code(), run + "\n" + w.log());
            assertThat(w.log()).contains("leads2.csv: COMPLETED", "reconcile:long: COMPLETED");
            assertThat(local.count("core_lead", "long")).isEqualTo(60_004);
            new RabbitAdmin(impatient.bean(RemotePartitioning.class).connections()).deleteQueue(q);
        }
    }

    /**
     * The daemon's /actuator/health with remote partitioning: a "broker" entry, UP with the partitions waiting and
     * the workers listening (none, then the worker's two threads), DOWN while the broker is stopped.
     */
    @Test
    void theHealthShowsTheBrokerAndItsWorkers() throws Exception {
        String q = QUEUE + ".health";
        try (TestWarehouse web = local.sharing(null, "--leadledger.partitioning=remote", "--leadledger.remote.queue=" + q,
                "--spring.main.web-application-type=servlet", "--server.port=0")) {
            String health = "http://127.0.0.1:" + web.bean(org.springframework.core.env.Environment.class)
                    .getProperty("local.server.port") + "/actuator/health";
            var broker = broker(health);
            assertEquals("UP", broker.path("status").asText(), broker::toString);
            assertEquals(0, broker.path("details").path("workersListening").asInt(), broker::toString);
            assertThat(broker.path("details").path("broker").asText()).isEqualTo("RabbitMQ at 127.0.0.1:5672 as guest");
            try (WorkerProcess w = WorkerProcess.start(local, q, tmp.resolve("health.log"))) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                do {
                    broker = broker(health); // the worker's consumers register with the broker a moment after it starts
                } while (broker.path("details").path("workersListening").asInt() < 2 && System.nanoTime() < deadline);
                assertEquals(2, broker.path("details").path("workersListening").asInt(), broker::toString);
            }
            try {
                rabbitmqctl("stop_app");
                broker = broker(health);
                assertEquals("DOWN", broker.path("status").asText(), broker::toString);
                assertThat(broker.path("details").path("error").asText()).contains("Connection refused");
            } finally {
                rabbitmqctl("start_app");
            }
            new RabbitAdmin(web.bean(RemotePartitioning.class).connections()).deleteQueue(q);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode broker(String url) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(url)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).path("components").path("broker");
    }

    /** No worker on the queue: the partitions fail after the start timeout and the run says where workers are missing. */
    @Test
    void withNoWorkerThePartitionsFailNamingTheQueue() throws Exception {
        String idle = QUEUE + ".idle";
        try (TestWarehouse impatient = local.sharing(null, "--leadledger.partitioning=remote", "--leadledger.remote.queue=" + idle,
                "--leadledger.remote.start-timeout=2s", "--leadledger.remote.poll-interval=200ms")) {
            tenant(tmp.resolve("idle"), "idle", 10, false);
            CliDriver.Result run = CliDriver.run(impatient, "run", "nightly-sync", "--jobs", tmp.resolve("idle").toString());
            assertEquals(1, run.code(), run::toString);
            assertThat(run.err()).contains("step import:crm-leads:", "step import:crm-deals:", "step import:ads:",
                    "step reconcile:idle failed: no worker took it in 2 s", "no worker took it in 2 s (is a 'leadledger worker' running on queue '" + idle
                            + "' of RabbitMQ at 127.0.0.1:5672 as guest?)");
            assertThat(local.count("stg_lead", "idle")).isZero();
            new RabbitAdmin(impatient.bean(RemotePartitioning.class).connections()).deleteQueue(idle);
        }
    }

    /**
     * Waits until the tenant's partition of {@code file} (source crm-leads) is {@code status} with at least
     * {@code commits} commits; fails with what {@code gaveUp} says once it says something (the run or process ended).
     */
    private void awaitCommits(String tenant, String file, String status, int commits,
                              java.util.concurrent.Callable<String> gaveUp) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            Long n = local.jdbc().queryForObject("""
                    SELECT COALESCE(MAX(s.COMMIT_COUNT), -1) FROM BATCH_STEP_EXECUTION s
                    WHERE s.STEP_NAME LIKE ? AND s.STATUS = ?
                      AND s.JOB_EXECUTION_ID IN (SELECT run_id FROM run_history WHERE tenant = ?)""", Long.class,
                    "import:crm-leads:%/" + file, status, tenant);
            if (n != null && n >= commits) {
                return;
            }
            String why = gaveUp.call();
            if (why != null || System.nanoTime() > deadline) {
                fail(file + " never got to " + status + " with " + commits + " commits: " + (why != null ? why : "120 s"));
            }
            Thread.sleep(20);
        }
    }

    private static void rabbitmqctl(String command) throws Exception {
        Process p = new ProcessBuilder("rabbitmqctl", command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertEquals(0, p.exitValue(), "rabbitmqctl " + command + ": " + out);
    }

    /** What the import left: staging and quarantine counts, and each file's audit line (its counts and status). */
    private Map<String, Object> loaded(String tenant) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String t : List.of("stg_lead", "stg_deal", "stg_spend", "stg_touch", "quarantine")) {
            out.put(t, local.count(t, tenant));
        }
        List<String> audit = new ArrayList<>();
        for (Map<String, Object> r : local.jdbc().queryForList("""
                SELECT source_name, status, rows_read, rows_loaded, rows_quarantined, rows_duplicate, source_file
                FROM run_audit WHERE tenant = ? AND status <> 'failed' ORDER BY source_name, source_file, run_id""", tenant)) {
            r.put("source_file", Path.of((String) r.get("source_file")).getFileName().toString());
            audit.add(r.toString());
        }
        out.put("run_audit", audit);
        return out;
    }

    /**
     * OpsTenant's company as a clients/ directory (the yml files at the top), its leads in two files of one source:
     * the second re-delivers L1 under another campaign (the later file wins, so file order matters) and adds
     * {@code extra} leads of its own.
     */
    static void tenant(Path dir, String id, int extra, boolean brokenDeals) throws Exception {
        OpsTenant.write(dir, id, "");
        for (String f : List.of("leadledger.yml", "nightly-sync.yml", "monthly-reports.yml")) {
            Files.move(dir.resolve("jobs").resolve(f), dir.resolve(f));
        }
        Path sync = dir.resolve("nightly-sync.yml");
        Files.writeString(sync, Files.readString(sync).replace(dir.resolve("leads.csv").toString(),
                dir.resolve("leads*.csv").toString()));
        StringBuilder leads = new StringBuilder("Lead ID;E-mail;Created;Source;Campaign;MQL date\n")
                .append("L1;ann@example.com;03-10-2026 09:15;google cpc;Brand 2;04-10-2026 10:00\n");
        for (int k = 0; k < extra; k++) {
            leads.append("N").append(k).append(";p").append(k).append("@leads.example;")
                    .append(String.format("%02d-10-2026 %02d:00", 1 + k % 28, k % 24)).append(";")
                    .append(k % 3 == 0 ? "webinar" : "google cpc").append(";C").append(k % 7).append(";")
                    .append(k % 2 == 0 ? String.format("%02d-10-2026 10:00", 1 + k % 28) : "").append("\n");
        }
        Files.writeString(dir.resolve("leads2.csv"), leads, StandardCharsets.UTF_8);
        if (brokenDeals) {
            OpsTenant.brokenDeals(dir);
        }
    }
}
