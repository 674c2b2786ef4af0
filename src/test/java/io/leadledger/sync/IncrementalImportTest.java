package io.leadledger.sync;

import io.leadledger.jobs.MappingProfile;
import io.leadledger.jobs.ReportsDefinition;
import io.leadledger.jobs.SourceDefinition;
import io.leadledger.jobs.SourceKind;
import io.leadledger.jobs.SyncDefinition;
import io.leadledger.jobs.TenantSettings;
import io.leadledger.jobs.Workspace;
import io.leadledger.ops.PipelineRunner;
import io.leadledger.support.TestWarehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Incremental loading with exact counts on H2 and MariaDB: a file loaded twice is skipped, a changed
 * version is upserted by natural key (never duplicated), and a run that fails mid-file resumes on
 * restart without losing or duplicating a row.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncrementalImportTest {

    Path tmp;
    Map<String, TestWarehouse> warehouses;

    @BeforeAll
    void start() throws Exception {
        tmp = Files.createTempDirectory("leadledger-incremental");
        // transactions of 5,000 rows, so a 12,000-row file fails and resumes in its second one
        String batch = "--leadledger.import.batch-rows=5000";
        warehouses = Map.of("h2", TestWarehouse.h2(tmp.resolve("h2"), null, batch),
                "mariadb", TestWarehouse.mariadb("leadledger_incr", null, batch),
                "mariadb-load-data", TestWarehouse.mariadbBulkLoad("leadledger_incr_bulk", batch));
    }

    @AfterAll
    void stop() {
        warehouses.values().forEach(TestWarehouse::close);
    }

    static Workspace workspace(String tenant, Path leadsFile) {
        MappingProfile mapping = new MappingProfile("test", SourceKind.LEADS, "csv", null, null, null, null, null,
                List.of("yyyy-MM-dd HH:mm"), null, null,
                Map.of("id", "Lead ID", "email", "Email", "createdAt", "Created", "source", "Source"), Map.of(),
                null, null, null, null);
        return new Workspace(Path.of("jobs"), new TenantSettings(tenant, tenant, "USD", "UTC", 14, Map.of()),
                new SyncDefinition("nightly-sync", null, null, null,
                        List.of(new SourceDefinition("crm", SourceKind.LEADS, leadsFile.toString(), mapping))),
                new ReportsDefinition("monthly-reports", null, null, List.of(), List.of(), "out", "A4", List.of()));
    }

    static String leads(int from, int to, Map<Integer, String> emailOverrides) {
        StringBuilder sb = new StringBuilder("Lead ID,Email,Created,Source\n");
        for (int i = from; i <= to; i++) {
            sb.append('L').append(i).append(',').append(emailOverrides.getOrDefault(i, "p" + i + "@example.com"))
                    .append(",2026-10-").append(String.format("%02d", 1 + i % 28)).append(" 09:00,Web\n");
        }
        return sb.toString();
    }

    static long stagedLeads(TestWarehouse w, String tenant) {
        return w.count("stg_lead", tenant);
    }

    static Map<String, Object> audit(TestWarehouse w, long run) {
        return w.jdbc().queryForMap("SELECT status, rows_read, rows_loaded, rows_quarantined, rows_duplicate "
                + "FROM run_audit WHERE run_id = ?", run);
    }

    static JobExecution sync(TestWarehouse w, Workspace ws) throws Exception {
        return w.bean(PipelineRunner.class).runSync(ws);
    }

    @Test
    void theSameFileTwiceThenAChangedVersion() throws Exception {
        for (var e : warehouses.entrySet()) {
            TestWarehouse w = e.getValue();
            String tenant = "incr-" + e.getKey();
            Path file = tmp.resolve(tenant + "-leads.csv");
            Workspace ws = workspace(tenant, file);

            Files.writeString(file, leads(1, 5, Map.of()), StandardCharsets.UTF_8);
            JobExecution first = sync(w, ws);
            assertEquals(BatchStatus.COMPLETED, first.getStatus());
            assertEquals(Map.of("status", "loaded", "rows_read", 5L, "rows_loaded", 5L, "rows_quarantined", 0L,
                    "rows_duplicate", 0L), longs(audit(w, first.getId())));
            assertEquals(5, stagedLeads(w, tenant));

            JobExecution again = sync(w, ws);
            assertEquals("unchanged", audit(w, again.getId()).get("status"));
            assertEquals(0L, ((Number) audit(w, again.getId()).get("rows_read")).longValue());
            assertEquals(5, stagedLeads(w, tenant));

            // the export is re-delivered with one e-mail corrected and one new lead
            Files.writeString(file, leads(1, 6, Map.of(3, "fixed3@example.com")), StandardCharsets.UTF_8);
            JobExecution changed = sync(w, ws);
            assertEquals(Map.of("status", "loaded", "rows_read", 6L, "rows_loaded", 6L, "rows_quarantined", 0L,
                    "rows_duplicate", 0L), longs(audit(w, changed.getId())));
            assertEquals(6, stagedLeads(w, tenant), e.getKey() + ": rows upserted by key, never duplicated");
            assertEquals("fixed3@example.com", w.jdbc().queryForObject(
                    "SELECT email_norm FROM stg_lead WHERE tenant = ? AND record_id = 'L3'", String.class, tenant));
            assertEquals(6, w.count("core_lead", tenant));
            assertEquals(2, w.count("source_file", tenant), "both versions of the file are registered");
        }
    }

    @Test
    void aRunThatFailsMidFileResumesOnRestartWithExactCounts() throws Exception {
        for (var e : warehouses.entrySet()) {
            TestWarehouse w = e.getValue();
            String tenant = "restart-" + e.getKey();
            Path file = tmp.resolve(tenant + "-leads.csv");
            Workspace ws = workspace(tenant, file);
            // row 9,001 opens a quote that never closes: the parser fails in the second chunk of 5,000
            String good = leads(1, 12_000, Map.of());
            Files.writeString(file, good.replace("\nL9000,", "\n\"L9000,"), StandardCharsets.UTF_8);
            JobExecution failed = sync(w, ws);
            assertEquals(BatchStatus.FAILED, failed.getStatus());
            assertEquals(5_000, stagedLeads(w, tenant), e.getKey() + ": the first chunk committed, the second rolled back");
            Map<String, Object> failedAudit = audit(w, failed.getId());
            assertEquals("failed", failedAudit.get("status"));
            assertEquals(5_000L, ((Number) failedAudit.get("rows_loaded")).longValue());

            // the export is fixed and the run restarted: nothing lost, nothing twice
            Files.writeString(file, good, StandardCharsets.UTF_8);
            JobExecution restarted = w.bean(PipelineRunner.class).restart(ws, failed.getId());
            assertEquals(BatchStatus.COMPLETED, restarted.getStatus());
            assertEquals(12_000, stagedLeads(w, tenant));
            assertEquals(Map.of("status", "loaded", "rows_read", 12_000L, "rows_loaded", 12_000L, "rows_quarantined", 0L,
                    "rows_duplicate", 0L), longs(audit(w, restarted.getId())),
                    "the file's audit line of the run counts every row once");
            assertEquals(12_000, w.count("core_lead", tenant));
        }
    }

    @Test
    void aDatabaseFailureMidFileResumesFromTheLastCommittedChunk() throws Exception {
        databaseFailureMidFile(warehouses.get("mariadb"));
    }

    @Test
    void aDatabaseFailureMidFileResumesFromTheLastCommittedChunkOnTheLoadDataPath() throws Exception {
        databaseFailureMidFile(warehouses.get("mariadb-load-data"));
    }

    private void databaseFailureMidFile(TestWarehouse w) throws Exception {
        String tenant = "dbfail";
        Path file = tmp.resolve("dbfail-leads.csv");
        Workspace ws = workspace(tenant, file);
        Files.writeString(file, leads(1, 12_000, Map.of()), StandardCharsets.UTF_8);
        w.jdbc().execute("""
                CREATE TRIGGER fail_on_l9000 BEFORE INSERT ON stg_lead FOR EACH ROW
                BEGIN IF NEW.record_id = 'L9000' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'disk full'; END IF; END""");
        JobExecution failed;
        try {
            failed = sync(w, ws);
        } finally {
            w.jdbc().execute("DROP TRIGGER fail_on_l9000");
        }
        assertEquals(BatchStatus.FAILED, failed.getStatus());
        // Batch 6's chunk step wraps the write's failure ("Unable to process chunk"): the cause is what a person reads
        assertThat(failed.getStepExecutions()).anySatisfy(s -> assertThat(s.getFailureExceptions()).anySatisfy(t ->
                assertThat(org.springframework.core.NestedExceptionUtils.getMostSpecificCause(t).getMessage())
                        .contains("disk full")));
        assertEquals(5_000, stagedLeads(w, tenant));

        JobExecution restarted = w.bean(PipelineRunner.class).restart(ws, failed.getId());
        assertEquals(BatchStatus.COMPLETED, restarted.getStatus());
        assertEquals(12_000, stagedLeads(w, tenant));
        assertEquals(Map.of("status", "loaded", "rows_read", 12_000L, "rows_loaded", 12_000L, "rows_quarantined", 0L,
                "rows_duplicate", 0L), longs(audit(w, restarted.getId())));
        // the restart read only the 7,000 rows the failed attempt had not committed
        long readOnRestart = restarted.getStepExecutions().stream().filter(s -> s.getStepName().startsWith("import:"))
                .mapToLong(s -> s.getReadCount()).sum();
        assertEquals(7_000, readOnRestart);
    }

    private static Map<String, Object> longs(Map<String, Object> m) {
        Map<String, Object> out = new java.util.HashMap<>();
        m.forEach((k, v) -> out.put(k.toLowerCase(), v instanceof Number n ? (Object) n.longValue() : v));
        return out;
    }
}
