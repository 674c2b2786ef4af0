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
import org.springframework.batch.core.step.StepExecution;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The import's partitions on H2 and MariaDB: a partition that fails in its second chunk leaves its first chunk
 * committed (staged rows, quarantine, counts); a restart runs only that partition, from the committed row
 * position, and the file's audit balances without a row staged or quarantined twice. And a changed mapping
 * re-reads an unchanged file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartitionRestartTest {

    Path tmp;
    Map<String, TestWarehouse> warehouses;

    @BeforeAll
    void start() throws Exception {
        tmp = Files.createTempDirectory("leadledger-partitions");
        String chunk = "--leadledger.import.batch-rows=5000";
        warehouses = Map.of("h2", TestWarehouse.h2(tmp.resolve("h2"), null, chunk),
                "mariadb", TestWarehouse.mariadb("leadledger_part", null, chunk));
    }

    @AfterAll
    void stop() {
        warehouses.values().forEach(TestWarehouse::close);
    }

    private static MappingProfile mapping(Map<String, String> constants) {
        return new MappingProfile("test", SourceKind.LEADS, "csv", null, null, null, null, null,
                List.of("yyyy-MM-dd HH:mm"), null, null,
                Map.of("id", "Lead ID", "email", "Email", "createdAt", "Created", "source", "Source"), constants,
                null, null, null, null);
    }

    private static Workspace workspace(String tenant, Path crm, Path web, Map<String, String> constants) {
        return new Workspace(Path.of("jobs"), new TenantSettings(tenant, tenant, "USD", "UTC", 14, Map.of()),
                new SyncDefinition("nightly-sync", null, null, null, List.of(
                        new SourceDefinition("crm", SourceKind.LEADS, crm.toString(), mapping(constants)),
                        new SourceDefinition("web", SourceKind.LEADS, web.toString(), mapping(constants)))),
                new ReportsDefinition("monthly-reports", null, null, List.of(), List.of(), "out", "A4", List.of()));
    }

    /** 12,000 leads and one repeated row; L10's date is unreadable (quarantined), both in the first chunk. */
    private static String crmLeads() {
        StringBuilder sb = new StringBuilder("Lead ID,Email,Created,Source\n");
        for (int i = 1; i <= 12_000; i++) {
            String row = "L" + i + ",p" + i + "@example.com," + (i == 10 ? "yesterday" : "2026-10-05 09:00") + ",Web\n";
            sb.append(row);
            if (i == 20) {
                sb.append(row);
            }
        }
        return sb.toString();
    }

    private static Map<String, Long> audit(TestWarehouse w, long run, String source) {
        Map<String, Object> a = w.jdbc().queryForMap("SELECT rows_read, rows_loaded, rows_quarantined, rows_duplicate "
                + "FROM run_audit WHERE run_id = ? AND source_name = ?", run, source);
        return Map.of("read", n(a, "rows_read"), "loaded", n(a, "rows_loaded"), "quarantined", n(a, "rows_quarantined"),
                "duplicates", n(a, "rows_duplicate"));
    }

    private static long n(Map<String, Object> row, String key) {
        return ((Number) row.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(key)).findFirst()
                .orElseThrow().getValue()).longValue();
    }

    /** The partitions run (Batch's splitter also lists, unsaved, the completed ones it does not run again). */
    private static List<StepExecution> partitions(JobExecution e, String source) {
        return e.getStepExecutions().stream().filter(s -> s.getStepName().startsWith("import:" + source + ":"))
                .filter(s -> s.getStatus() != BatchStatus.STARTING).toList();
    }

    private static long staged(TestWarehouse w, String tenant, String source) {
        return w.jdbc().queryForObject("SELECT COUNT(*) FROM stg_lead WHERE tenant = ? AND source_name = ?", Long.class,
                tenant, source);
    }

    @Test
    void aPartitionFailingInItsSecondChunkResumesFromTheCommittedPosition() throws Exception {
        for (var e : warehouses.entrySet()) {
            TestWarehouse w = e.getValue();
            String tenant = "part-" + e.getKey();
            Path crm = tmp.resolve(tenant + "-crm.csv");
            Path web = tmp.resolve(tenant + "-web.csv");
            Workspace ws = workspace(tenant, crm, web, Map.of());
            Files.writeString(crm, crmLeads(), StandardCharsets.UTF_8);
            Files.writeString(web, "Lead ID,Email,Created,Source\nW1,w1@example.com,2026-10-05 09:00,Web\n",
                    StandardCharsets.UTF_8);
            // the warehouse refuses L9000 (row 9,001): the writer fails in the second chunk of 5,000; the file
            // stays as it is, so the restart resumes after the committed chunk
            w.jdbc().execute("ALTER TABLE stg_lead ADD CONSTRAINT refuse_l9000 CHECK (record_id <> 'L9000')");
            JobExecution failed;
            try {
                failed = w.bean(PipelineRunner.class).runSync(ws);
            } finally {
                w.jdbc().execute("ALTER TABLE stg_lead DROP CONSTRAINT refuse_l9000");
            }
            assertEquals(BatchStatus.FAILED, failed.getStatus());
            assertEquals(BatchStatus.FAILED, partitions(failed, "crm").get(0).getStatus());
            assertEquals(BatchStatus.COMPLETED, partitions(failed, "web").get(0).getStatus(), "the other source loads");
            assertEquals(4_998, staged(w, tenant, "crm"), e.getKey() + ": the first chunk committed, the second not");
            assertEquals(Map.of("read", 5_000L, "loaded", 4_998L, "quarantined", 1L, "duplicates", 1L),
                    audit(w, failed.getId(), "crm"), "the failed attempt's audit: its committed chunk");

            JobExecution restarted = w.bean(PipelineRunner.class).restart(ws, failed.getId());
            assertEquals(BatchStatus.COMPLETED, restarted.getStatus());
            assertThat(partitions(restarted, "web")).as("a completed partition is not run again").isEmpty();
            StepExecution resumed = partitions(restarted, "crm").get(0);
            assertEquals(12_001 - 5_000, resumed.getReadCount(), "Batch's own count: the rows after the committed chunk");
            assertEquals(12_001 - 5_000, resumed.getWriteCount());
            assertEquals(Map.of("read", 12_001L, "loaded", 11_999L, "quarantined", 1L, "duplicates", 1L),
                    audit(w, restarted.getId(), "crm"), "the file's audit over both attempts balances");
            assertEquals(11_999, staged(w, tenant, "crm"));
            assertEquals(11_999, w.jdbc().queryForObject("SELECT COUNT(DISTINCT record_id) FROM stg_lead WHERE tenant = ?"
                    + " AND source_name = 'crm'", Long.class, tenant));
            assertEquals(1, w.count("quarantine", tenant), "the bad row is quarantined once");
            assertEquals(1, staged(w, tenant, "web"));
        }
    }

    @Test
    void aChangedMappingReReadsAnUnchangedFile() throws Exception {
        for (var e : warehouses.entrySet()) {
            TestWarehouse w = e.getValue();
            String tenant = "map-" + e.getKey();
            Path crm = tmp.resolve(tenant + "-crm.csv");
            Path web = tmp.resolve(tenant + "-web.csv");
            Files.writeString(crm, "Lead ID,Email,Created,Source\nL1,a@example.com,2026-10-05 09:00,Web\n"
                    + "L2,b@example.com,2026-10-06 09:00,Web\n", StandardCharsets.UTF_8);
            Files.writeString(web, "Lead ID,Email,Created,Source\nW1,w1@example.com,2026-10-05 09:00,Web\n",
                    StandardCharsets.UTF_8);
            PipelineRunner runner = w.bean(PipelineRunner.class);
            JobExecution first = runner.runSync(workspace(tenant, crm, web, Map.of()));
            assertEquals(BatchStatus.COMPLETED, first.getStatus());
            JobExecution same = runner.runSync(workspace(tenant, crm, web, Map.of()));
            assertEquals(0L, audit(w, same.getId(), "crm").get("read"), "unchanged file, unchanged mapping: skipped");
            JobExecution remapped = runner.runSync(workspace(tenant, crm, web, Map.of("campaign", "Autumn")));
            assertEquals(BatchStatus.COMPLETED, remapped.getStatus());
            assertEquals(2L, audit(w, remapped.getId(), "crm").get("read"), "a changed mapping reads the file again");
            assertEquals(2, w.jdbc().queryForObject("SELECT COUNT(*) FROM stg_lead WHERE tenant = ? AND campaign = 'Autumn'"
                    + " AND source_name = 'crm'", Long.class, tenant));
            JobExecution again = runner.runSync(workspace(tenant, crm, web, Map.of("campaign", "Autumn")));
            assertEquals(0L, audit(w, again.getId(), "crm").get("read"), "and skips it again under the new mapping");
        }
    }
}
