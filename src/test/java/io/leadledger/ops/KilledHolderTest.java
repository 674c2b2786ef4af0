package io.leadledger.ops;

import io.leadledger.report.document.ReportTable;
import io.leadledger.report.figures.AppendixSection;
import io.leadledger.support.CliDriver.Result;
import io.leadledger.support.CliDriver;
import io.leadledger.support.OpsTenant;
import io.leadledger.support.TestWarehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * After kill -9 the job's lock row stays with its lease. A holder that was a process of this host and is
 * gone gives the lock up at once (no --force, no waiting); a live one, or one on another host, still
 * holds it. A restart continues the killed night: the count audit the reports show covers both runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KilledHolderTest {

    Path tmp;
    final Map<String, TestWarehouse> warehouses = new LinkedHashMap<>();

    @BeforeAll
    void start() throws Exception {
        tmp = Files.createTempDirectory("leadledger-killed-holder-test");
        warehouses.put("h2", TestWarehouse.h2(tmp.resolve("h2-db")));
        warehouses.put("mariadb", TestWarehouse.mariadb("leadledger_holder"));
    }

    @AfterAll
    void stop() {
        warehouses.values().forEach(TestWarehouse::close);
    }

    /** The lock row a process left when killed: held for another day, as far as its lease says. */
    private void lockLeftBy(TestWarehouse w, String tenant, String holder) {
        w.jdbc().update("DELETE FROM shedlock WHERE name = ?", tenant + ":nightly-sync");
        LocalDateTime now = LocalDateTime.now();
        w.jdbc().update("INSERT INTO shedlock (name, lock_until, locked_at, locked_by) VALUES (?,?,?,?)",
                tenant + ":nightly-sync", Timestamp.valueOf(now.plusDays(1)), Timestamp.valueOf(now), holder);
    }

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aLockLeftByAKilledProcessOfThisHostIsReleasedAtOnce(String db) throws Exception {
        TestWarehouse w = warehouses.get(db);
        Path jobs = OpsTenant.write(tmp.resolve(db + "-dead"), "dead", "");
        String host = w.bean(HostProcess.class).self().replaceFirst(" pid \\d+$", "");

        lockLeftBy(w, "dead", host + " pid " + deadPid());
        Result run = CliDriver.run(w, "run", "nightly-sync", "--jobs", jobs.toString());
        assertEquals(0, run.code(), run::toString);
        assertEquals(4L, w.count("stg_lead", "dead"));

        // the daemon asks who holds it before it launches: a dead local holder holds nothing
        lockLeftBy(w, "dead", host + " pid " + deadPid());
        assertThat(w.bean(JobLocks.class).holder("dead", "nightly-sync")).isEmpty();

        // another host's process cannot be checked from here: its lease stands
        lockLeftBy(w, "dead", "other-host.example pid " + deadPid());
        Result elsewhere = CliDriver.run(w, "run", "nightly-sync", "--jobs", jobs.toString());
        assertEquals(1, elsewhere.code(), elsewhere::toString);
        assertThat(elsewhere.err()).contains("locked by other-host.example pid");

        // a live process of this host keeps its lock
        Process live = new ProcessBuilder("sleep", "60").start();
        try {
            lockLeftBy(w, "dead", host + " pid " + live.pid());
            Result held = CliDriver.run(w, "run", "nightly-sync", "--jobs", jobs.toString());
            assertEquals(1, held.code(), held::toString);
            assertThat(held.err()).contains("locked by " + host + " pid " + live.pid());
        } finally {
            live.destroyForcibly().waitFor();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aRestartedNightShowsTheCountsOfEveryFileOfTheNight(String db) throws Exception {
        TestWarehouse w = warehouses.get(db);
        Path jobs = OpsTenant.write(tmp.resolve(db + "-night"), "night", "");
        // killed in the deals file: leads loaded by this run, deals and spend not yet
        OpsTenant.brokenDeals(jobs.getParent());
        assertEquals(1, CliDriver.run(w, "run", "nightly-sync", "--jobs", jobs.toString()).code());
        long run = w.jdbc().queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
        w.jdbc().update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'UNKNOWN', END_TIME = NULL "
                + "WHERE JOB_EXECUTION_ID = ?", run);
        w.jdbc().update("UPDATE run_history SET status = 'STARTED', exit_code = 'UNKNOWN', exit_message = '', "
                + "failed_step = NULL, end_time = NULL WHERE run_id = ?", run);
        w.jdbc().update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'EXECUTING', END_TIME = NULL "
                + "WHERE JOB_EXECUTION_ID = ? AND STEP_NAME LIKE 'import:crm-deals%'", run);
        lockLeftBy(w, "night", w.bean(HostProcess.class).self().replaceFirst(" pid \\d+$", "") + " pid " + deadPid());
        OpsTenant.goodDeals(jobs.getParent());

        Result restarted = CliDriver.run(w, "restart", Long.toString(run), "--jobs", jobs.toString());
        assertEquals(0, restarted.code(), restarted::toString);

        ReportTable audit = w.bean(AppendixSection.class).build("night").get("audit");
        // by hand from OpsTenant: leads.csv 4 rows, deals.csv 3, spend.csv 3; nothing quarantined or doubled
        Map<String, List<Object>> bySource = new LinkedHashMap<>();
        for (Map<String, Object> r : audit.rows()) {
            bySource.put((String) r.get("source"), List.of(r.get("read"), r.get("loaded"), r.get("quarantined"), r.get("duplicates")));
        }
        assertEquals(Map.of("crm-leads", List.of(4L, 4L, 0L, 0L), "crm-deals", List.of(3L, 3L, 0L, 0L),
                "ads", List.of(3L, 3L, 0L, 0L)), bySource, "the file the killed run loaded is in the night's audit");
        assertEquals(List.of(10L, 10L, 0L, 0L), List.of(audit.totals().get("read"), audit.totals().get("loaded"),
                audit.totals().get("quarantined"), audit.totals().get("duplicates")));
    }
}
