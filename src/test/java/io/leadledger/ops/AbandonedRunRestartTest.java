package io.leadledger.ops;

import io.leadledger.support.CliDriver;
import io.leadledger.support.CliDriver.Result;
import io.leadledger.support.OpsTenant;
import io.leadledger.support.TestWarehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A sync run whose process was killed (kill -9) stays STARTED in the job repository. While its job
 * lock is held (a live process may still be running it) restart refuses; once nobody holds it the run is
 * recognised as abandoned, marked FAILED and restarted, and the files it completed are not loaded again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AbandonedRunRestartTest {

    Path tmp;
    final Map<String, TestWarehouse> warehouses = new LinkedHashMap<>();

    @BeforeAll
    void start() throws Exception {
        tmp = Files.createTempDirectory("leadledger-restart-test");
        warehouses.put("h2", TestWarehouse.h2(tmp.resolve("h2-db")));
        warehouses.put("mariadb", TestWarehouse.mariadb("leadledger_abandoned"));
    }

    @AfterAll
    void stop() {
        warehouses.values().forEach(TestWarehouse::close);
    }

    /** What a kill -9 during the deals file leaves behind: the run and that step still STARTED. */
    private long killedRun(TestWarehouse w, Path jobs) throws Exception {
        OpsTenant.brokenDeals(jobs.getParent());
        Result failed = CliDriver.run(w, "run", "nightly-sync", "--jobs", jobs.toString());
        assertEquals(1, failed.code(), failed::toString);
        long run = w.jdbc().queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
        w.jdbc().update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'UNKNOWN', END_TIME = NULL "
                + "WHERE JOB_EXECUTION_ID = ?", run);
        w.jdbc().update("UPDATE run_history SET status = 'STARTED', exit_code = 'UNKNOWN', exit_message = '', "
                + "failed_step = NULL, end_time = NULL WHERE run_id = ?", run);
        w.jdbc().update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'EXECUTING', END_TIME = NULL "
                + "WHERE JOB_EXECUTION_ID = ? AND STEP_NAME LIKE 'import:crm-deals%'", run);
        OpsTenant.goodDeals(jobs.getParent());
        return run;
    }

    private long executions(TestWarehouse w, long run, String stepPrefix) {
        return w.jdbc().queryForObject("""
                SELECT COUNT(*) FROM BATCH_STEP_EXECUTION s JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID
                WHERE e.JOB_INSTANCE_ID = (SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?)
                  AND s.STEP_NAME LIKE ?""", Long.class, run, stepPrefix + "%");
    }

    /** Holds the job's lock from another thread, as a live process elsewhere would, until released. */
    private Future<?> holdLock(TestWarehouse w, String tenant, CountDownLatch release, CountDownLatch held, ExecutorService pool) {
        return pool.submit(() -> w.bean(JobLocks.class).callExclusive(tenant, "nightly-sync", () -> {
            held.countDown();
            return release.await(2, TimeUnit.MINUTES);
        }));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aKilledRunIsRestartedOnceNobodyHoldsItsLockAndCompletedFilesAreNotRedone(String db) throws Exception {
        TestWarehouse w = warehouses.get(db);
        Path jobs = OpsTenant.write(tmp.resolve(db + "-killed"), "killed", "");
        long run = killedRun(w, jobs);
        assertThat(CliDriver.run(w, "history", "--jobs", jobs.toString()).out()).containsPattern(run + "\\s+nightly-sync\\s+STARTED");

        ExecutorService pool = Executors.newSingleThreadExecutor();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(1);
        Future<?> holder = holdLock(w, "killed", release, held, pool);
        held.await();
        Result refused = CliDriver.run(w, "restart", Long.toString(run), "--jobs", jobs.toString());
        assertEquals(1, refused.code(), refused::toString);
        assertThat(refused.err()).contains("run " + run + " cannot be restarted: nightly-sync is running (locked by",
                "restart " + run + " --force");
        release.countDown();
        holder.get();
        pool.shutdown();

        Result restarted = CliDriver.run(w, "restart", Long.toString(run), "--jobs", jobs.toString());
        assertEquals(0, restarted.code(), restarted::toString);
        assertThat(restarted.out()).contains("run ", "(nightly-sync) completed");
        assertEquals("FAILED", w.jdbc().queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
                String.class, run));
        assertThat(w.jdbc().queryForObject("SELECT EXIT_MESSAGE FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
                String.class, run)).contains("abandoned");
        assertEquals(1, executions(w, run, "import:crm-leads"), "the completed leads file is not loaded again");
        assertEquals(2, executions(w, run, "import:crm-deals"), "the file it was killed in is done again");
        assertEquals(3L, w.count("stg_deal", "killed"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void forceBreaksTheLockOfAHolderKnownToBeGone(String db) throws Exception {
        TestWarehouse w = warehouses.get(db);
        Path jobs = OpsTenant.write(tmp.resolve(db + "-forced"), "forced", "");
        long run = killedRun(w, jobs);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(1);
        Future<?> holder = holdLock(w, "forced", release, held, pool);
        try {
            held.await();
            Result forced = CliDriver.run(w, "restart", Long.toString(run), "--force", "--jobs", jobs.toString());
            assertEquals(0, forced.code(), forced::toString);
            assertEquals(3L, w.count("stg_deal", "forced"));
        } finally {
            release.countDown();
            holder.get();
            pool.shutdown();
        }
    }
}
