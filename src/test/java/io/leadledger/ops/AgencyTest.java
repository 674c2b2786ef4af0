package io.leadledger.ops;

import io.leadledger.jobs.Workspace;
import io.leadledger.support.CliDriver;
import io.leadledger.support.OpsTenant;
import io.leadledger.support.ReconciledTables;
import io.leadledger.support.TestWarehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.batch.core.BatchStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An agency's clients/ (issue 14): one directory per client company, run, watched and scheduled from one place.
 * Two tenants with the same people, record ids and campaign names, each reconciled exactly as when run alone; a
 * third whose deals export lost its columns fails on its own; a fourth whose jobs/ cannot be read is named and left
 * out; the others go ahead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgencyTest {

    Path tmp;
    final Map<String, TestWarehouse> warehouses = new LinkedHashMap<>();

    @BeforeAll
    void start() throws Exception {
        tmp = Files.createTempDirectory("ll-agency");
        warehouses.put("h2", TestWarehouse.h2(tmp.resolve("h2")));
        warehouses.put("mariadb", TestWarehouse.mariadb("leadledger_agency"));
    }

    @AfterAll
    void stop() {
        warehouses.values().forEach(TestWarehouse::close);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void everyTenantRunsOnItsOwnAndNoRowCrosses(String db) throws Exception {
        TestWarehouse w = warehouses.get(db);
        Path clients = tmp.resolve(db).resolve("clients");
        String a = db + "-acme";
        String b = db + "-beta";
        String c = db + "-corp";
        OpsTenant.write(clients.resolve("acme"), a, "");
        OpsTenant.write(clients.resolve("beta"), b, "");
        OpsTenant.write(clients.resolve("corp"), c, "");
        OpsTenant.brokenDeals(clients.resolve("corp"));
        Files.createDirectories(clients.resolve("dent"));
        Files.writeString(clients.resolve("dent").resolve("leadledger.yml"), "tenant: [not, a, map]\n");
        // OpsTenant writes jobs/ inside each directory: clients/<name> is the tenant's jobs/ directory
        for (String name : List.of("acme", "beta", "corp")) {
            Path dir = clients.resolve(name);
            for (String f : List.of("leadledger.yml", "nightly-sync.yml", "monthly-reports.yml")) {
                Files.move(dir.resolve("jobs").resolve(f), dir.resolve(f));
            }
        }
        // the same company alone, for comparison
        Path solo = OpsTenant.write(tmp.resolve(db).resolve("solo"), db + "-solo", "");
        assertEquals(BatchStatus.COMPLETED, w.bean(PipelineRunner.class).runSync(Workspace.load(solo)).getStatus());

        CliDriver.Result run = CliDriver.run(w, "run", "nightly-sync", "--jobs", clients.toString());
        assertEquals(1, run.code(), run::toString);
        assertThat(run.out()).contains("== tenant " + a, "== tenant " + b, "== tenant " + c,
                "tenants: dent: configuration error, " + a + ": ok, " + b + ": ok, " + c + ": exit 1");
        assertThat(run.err()).contains("tenant directory " + clients.resolve("dent") + " cannot be read");

        // each tenant's reconciled tables are exactly the solo run's: no row of one reached the other
        assertThat(ReconciledTables.of(w, a)).isEqualTo(ReconciledTables.of(w, db + "-solo"));
        assertThat(ReconciledTables.of(w, b)).isEqualTo(ReconciledTables.of(w, db + "-solo"));
        assertThat(w.jdbc().queryForObject("SELECT COUNT(*) FROM core_deal WHERE tenant = ?", Long.class, c)).isZero();
        // and so are its reports: every number of every file equals the solo run's
        Path out = tmp.resolve(db).resolve("reports");
        CliDriver.Result ra = CliDriver.run(w, "report", "--month", "2026-10", "--out", out.toString(), "--jobs", clients.toString(),
                "--tenant", a);
        assertEquals(0, ra.code(), ra::toString);
        CliDriver.Result rs = CliDriver.run(w, "report", "--month", "2026-10", "--out", out.toString(), "--jobs", solo.toString());
        assertEquals(0, rs.code(), rs::toString);
        List<String> files;
        try (var list = Files.list(out.resolve(a).resolve("2026-10"))) {
            files = list.map(f -> f.getFileName().toString()).sorted().toList();
        }
        assertThat(files).hasSize(6);
        for (String f : files) {
            Path mine = out.resolve(a).resolve("2026-10").resolve(f);
            Path alone = out.resolve(db + "-solo").resolve("2026-10").resolve(f);
            if (f.endsWith(".xlsx")) {
                assertThat(KillRecoveryTest.xlsxNumbers(mine)).as(f).isNotEmpty().isEqualTo(KillRecoveryTest.xlsxNumbers(alone));
            } else {
                assertThat(KillRecoveryTest.pdfNumbers(Files.readAllBytes(mine))).as(f)
                        .isEqualTo(KillRecoveryTest.pdfNumbers(Files.readAllBytes(alone)));
            }
        }

        CliDriver.Result status = CliDriver.run(w, "status", "--jobs", clients.toString());
        assertEquals(0, status.code(), status::toString);
        assertThat(status.out().lines().filter(l -> l.startsWith(db + "-"))).hasSize(3);
        assertThat(status.out()).containsPattern(c + " .*FAILED").contains("dent", "CANNOT BE READ");

        CliDriver.Result one = CliDriver.run(w, "status", "--jobs", clients.toString(), "--tenant", b);
        assertEquals(0, one.code(), one::toString);
        assertThat(one.out()).contains("tenant " + b + " (Opsco Ltd)", "freshness");

        CliDriver.Result which = CliDriver.run(w, "run", "nightly-sync", "--jobs", clients.toString(), "--tenant", "nobody");
        assertEquals(2, which.code(), which::toString);
        assertThat(which.err()).contains("no tenant 'nobody'", a, b, c);

        CliDriver.Result history = CliDriver.run(w, "history", "--jobs", clients.toString());
        assertThat(history.out()).contains("== tenant " + a, "== tenant " + c, "FAILED");

        CliDriver.Result daemon = CliDriver.run(w, "schedule", "--once", "--jobs", clients.toString());
        assertEquals(0, daemon.code(), daemon::toString);
        assertThat(daemon.out()).contains("leadledger schedule for 3 tenants", a, b, c, "dent", "CANNOT BE READ");
    }

    /**
     * Two tenants' nights at once, as the daemon runs an agency's clients/: every run completes (no deadlock between
     * one tenant's deletes and the other's inserts in the same tables), and each tenant's tables are what it gets
     * alone.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void twoTenantsAtOnceNeverDeadlock(String db) throws Exception {
        TestWarehouse w = warehouses.get(db);
        PipelineRunner runner = w.bean(PipelineRunner.class);
        List<Workspace> tenants = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            tenants.add(Workspace.load(OpsTenant.write(tmp.resolve(db).resolve("at-once-" + i), db + "-at-once-" + i, "")));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int night = 0; night < 2; night++) {
                if (night == 1) { // a changed export for every tenant: the second night reconciles too
                    for (int i = 1; i <= 6; i++) {
                        Files.writeString(tmp.resolve(db).resolve("at-once-" + i).resolve("leads.csv"),
                                "L" + (10 + i) + ";new" + i + "@example.com;12-10-2026 10:00;google cpc;Brand;\n",
                                java.nio.file.StandardOpenOption.APPEND);
                    }
                }
                List<java.util.concurrent.Future<org.springframework.batch.core.job.JobExecution>> runs = new ArrayList<>();
                for (Workspace ws : tenants) {
                    runs.add(pool.submit(() -> runner.runSync(ws)));
                }
                for (var f : runs) {
                    var e = f.get();
                    assertEquals(BatchStatus.COMPLETED, e.getStatus(), () -> String.valueOf(e.getAllFailureExceptions()));
                }
            }
        } finally {
            pool.shutdown();
        }
        assertThat(ReconciledTables.of(w, db + "-at-once-1").get("core_lead")).hasSize(5);
        for (int i = 2; i <= 6; i++) {
            assertThat(ReconciledTables.of(w, db + "-at-once-" + i).get("core_deal")).isEqualTo(ReconciledTables.of(w, db + "-at-once-1").get("core_deal"));
        }
    }
}
