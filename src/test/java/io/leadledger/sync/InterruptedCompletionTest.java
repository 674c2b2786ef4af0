package io.leadledger.sync;

import io.leadledger.jobs.Workspace;
import io.leadledger.ops.PipelineRunner;
import io.leadledger.support.OpsTenant;
import io.leadledger.support.TestClock;
import io.leadledger.support.TestWarehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Batch saves a step COMPLETED before it calls the step's listeners, so a kill in between leaves a file's partition
 * complete with no audit line and the file not registered (KillRecoveryTest met it now and then: the spend file's
 * line missing from the appendix). Made here on purpose: a night whose spend partition lost both, its run marked
 * failed as a killed run is; the restart runs no partition again, and records the spend file's line in the run that
 * read it, with that run's counts, and registers the file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InterruptedCompletionTest {

    Path tmp;
    final TestClock clock = new TestClock(Instant.parse("2026-10-20T16:00:00Z"));
    final Map<String, TestWarehouse> warehouses = new LinkedHashMap<>();

    @BeforeAll
    void start() throws Exception {
        tmp = Files.createTempDirectory("ll-interrupted");
        warehouses.put("h2", TestWarehouse.h2(tmp.resolve("h2"), clock));
        warehouses.put("mariadb", TestWarehouse.mariadb("leadledger_interrupted", clock));
    }

    @AfterAll
    void stop() {
        warehouses.values().forEach(TestWarehouse::close);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aPartitionSavedCompleteBeforeItsListenersRanIsRecordedByTheRestart(String db) throws Exception {
        TestWarehouse w = warehouses.get(db);
        String tenant = "interrupted-" + db;
        Workspace ws = Workspace.load(OpsTenant.write(tmp.resolve(tenant), tenant, ""));
        PipelineRunner runner = w.bean(PipelineRunner.class);
        JobExecution night = runner.runSync(ws);
        assertEquals(BatchStatus.COMPLETED, night.getStatus());
        // what the kill leaves: the spend partition complete in Batch's tables, its line and registration never written
        w.jdbc().update("DELETE FROM run_audit WHERE run_id = ? AND source_name = 'ads'", night.getId());
        w.jdbc().update("DELETE FROM source_file WHERE tenant = ? AND source_name = 'ads'", tenant);
        w.jdbc().update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'FAILED', EXIT_CODE = 'FAILED' WHERE JOB_EXECUTION_ID = ?",
                night.getId());
        w.jdbc().update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'FAILED', EXIT_CODE = 'FAILED' WHERE JOB_EXECUTION_ID = ? "
                + "AND STEP_NAME IN ('import', 'reconcile', 'check-sources', 'count-audit')", night.getId());

        JobExecution restarted = runner.restart(ws, night.getId());
        assertEquals(BatchStatus.COMPLETED, restarted.getStatus(), restarted.getExitStatus()::getExitDescription);
        assertEquals(List.of(), restarted.getStepExecutions().stream().map(s -> s.getStepName())
                .filter(n -> n.startsWith("import:")).toList(), "no file is read again");
        Map<String, Object> line = w.jdbc().queryForMap("SELECT status, rows_read, rows_loaded FROM run_audit "
                + "WHERE run_id = ? AND source_name = 'ads'", night.getId());
        assertEquals("loaded", line.get("status"));
        assertEquals(3L, ((Number) line.get("rows_read")).longValue());
        assertEquals(3L, ((Number) line.get("rows_loaded")).longValue());
        assertEquals(1, w.jdbc().queryForObject("SELECT COUNT(*) FROM source_file WHERE tenant = ? AND source_name = 'ads'",
                Integer.class, tenant), "the file is registered: the next night finds it unchanged");
        assertEquals(3, w.jdbc().queryForObject("SELECT COUNT(*) FROM run_audit a WHERE a.tenant = ? AND "
                + io.leadledger.warehouse.RunAuditRepository.latestOfNight("a"), Integer.class, tenant,
                restarted.getId(), restarted.getId(), restarted.getId(), restarted.getId()), "the night has its three files");
    }
}
