package io.leadledger.ops;

import io.leadledger.jobs.Workspace;
import io.leadledger.support.CliDriver;
import io.leadledger.support.OpsTenant;
import io.leadledger.support.TestWarehouse;
import io.leadledger.warehouse.TenantTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.batch.core.BatchStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An agency's data-protection duties (issue 14): a person erased from one tenant ({@code forget}) leaves no row of
 * that tenant holding any of their addresses and no figure counting them, while another tenant with the same person
 * is untouched; a tenant deleted ({@code tenant delete}) leaves no row in any table and no report file, and the
 * other tenant is untouched. Both ask for --yes first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErasureTest {

    Path tmp;
    final Map<String, TestWarehouse> warehouses = new LinkedHashMap<>();

    @BeforeAll
    void start() throws Exception {
        tmp = Files.createTempDirectory("ll-erasure");
        warehouses.put("h2", TestWarehouse.h2(tmp.resolve("h2")));
        warehouses.put("mariadb", TestWarehouse.mariadb("leadledger_erasure"));
    }

    @AfterAll
    void stop() {
        warehouses.values().forEach(TestWarehouse::close);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aPersonIsErasedFromOneTenantAndStaysInTheOther(String db) throws Exception {
        TestWarehouse w = warehouses.get(db);
        String a = db + "-forget-a";
        String b = db + "-forget-b";
        Path jobsA = tenant(w, a, true);
        tenant(w, b, false);
        Map<String, List<String>> otherBefore = rows(w, b);
        assertThat(all(w, a)).contains("ann@example.com", "ann+news@example.com");

        CliDriver.Result dry = CliDriver.run(w, "forget", "--email", "ann@example.com", "--jobs", jobsA.toString());
        assertEquals(2, dry.code(), dry::toString);
        assertThat(all(w, a)).contains("ann@example.com");

        CliDriver.Result done = CliDriver.run(w, "forget", "--email", " ANN@Example.com", "--yes", "--jobs", jobsA.toString());
        assertEquals(0, done.code(), done::toString);
        assertThat(done.out()).contains("erased from tenant " + a + ": 1 lead (2 lead records)", "the contact of 1 deals",
                "1 quarantined rows");
        // no row of the tenant, in any table, holds either of her addresses; her won deal stays, without a lead
        assertThat(all(w, a)).doesNotContain("ann@example.com", "ann+news@example.com");
        assertThat(w.jdbc().queryForObject("SELECT COUNT(*) FROM core_deal WHERE tenant = ? AND record_id = 'D1' AND lead_key IS NULL",
                Long.class, a)).isEqualTo(1L);
        assertThat(w.jdbc().queryForObject("SELECT COUNT(*) FROM core_lead WHERE tenant = ?", Long.class, a)).isEqualTo(3L);
        assertThat(rows(w, b)).as("the other tenant").isEqualTo(otherBefore);

        // the next night does not bring her back: the exports did not change, and the tables stay as the erasure left them
        var e = w.bean(PipelineRunner.class).runSync(Workspace.load(jobsA));
        assertEquals(BatchStatus.COMPLETED, e.getStatus());
        assertThat(io.leadledger.sync.SyncJobFactory.reconcileDid(e)).startsWith("kept: ");
        assertThat(all(w, a)).doesNotContain("ann@example.com");

        CliDriver.Result none = CliDriver.run(w, "forget", "--email", "nobody@example.com", "--yes", "--jobs", jobsA.toString());
        assertEquals(2, none.code(), none::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aTenantIsDeletedWholeAndTheOtherStays(String db) throws Exception {
        TestWarehouse w = warehouses.get(db);
        String c = db + "-delete-c";
        String d = db + "-delete-d";
        Path jobsC = tenant(w, c, true);
        tenant(w, d, false);
        Path reports = tmp.resolve(c).resolve("out").resolve(c).resolve("2026-10");
        Files.createDirectories(reports);
        Files.writeString(reports.resolve("lead-production-2026-10.pdf"), "%PDF");
        Map<String, List<String>> otherBefore = rows(w, d);

        CliDriver.Result dry = CliDriver.run(w, "tenant", "delete", c);
        assertEquals(2, dry.code(), dry::toString);
        assertThat(dry.out()).contains("tenant " + c + ": ", "stg_lead", "core_lead", "run_history");
        assertThat(dry.err()).contains("run again with --yes");
        assertThat(all(w, c)).isNotEmpty();

        CliDriver.Result done = CliDriver.run(w, "tenant", "delete", c, "--yes", "--jobs", jobsC.toString());
        assertEquals(0, done.code(), done::toString);
        assertThat(done.out()).contains("tenant " + c + " deleted: ", "and its report files under");
        TenantTables tables = w.bean(TenantTables.class);
        for (String t : tables.all()) {
            assertThat(w.jdbc().queryForObject("SELECT COUNT(*) FROM " + t + " WHERE tenant = ?", Long.class, c)).as(t).isZero();
        }
        assertThat(w.jdbc().queryForObject("SELECT COUNT(*) FROM shedlock WHERE name LIKE ?", Long.class, c + ":%")).isZero();
        assertThat(tmp.resolve(c).resolve("out").resolve(c)).doesNotExist();
        assertThat(rows(w, d)).as("the other tenant").isEqualTo(otherBefore);

        CliDriver.Result unknown = CliDriver.run(w, "tenant", "delete", c, "--yes");
        assertEquals(2, unknown.code(), unknown::toString);
        assertThat(unknown.err()).contains("no tenant '" + c + "'");
    }

    /**
     * The ops tenant, synced; with {@code extra}: Ann again under a plus tag (the same person) and a row of hers that
     * is quarantined (a creation date that is no date).
     */
    private Path tenant(TestWarehouse w, String tenant, boolean extra) throws Exception {
        Path dir = tmp.resolve(tenant);
        Path jobs = OpsTenant.write(dir, tenant, "");
        if (extra) {
            Files.writeString(dir.resolve("leads.csv"), """
                    L9;Ann+news@example.com;12-10-2026 10:00;webinar;Oct webinar;
                    L10;ann@example.com;not a date;webinar;Oct webinar;
                    """, StandardOpenOption.APPEND);
        }
        assertEquals(BatchStatus.COMPLETED, w.bean(PipelineRunner.class).runSync(Workspace.load(jobs)).getStatus());
        return jobs;
    }

    /** Every row of the tenant in every table with a tenant column, as text. */
    private static Map<String, List<String>> rows(TestWarehouse w, String tenant) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String t : w.bean(TenantTables.class).all()) {
            List<String> rows = new ArrayList<>();
            w.jdbc().queryForList("SELECT * FROM " + t + " WHERE tenant = ?", tenant).forEach(r -> rows.add(String.valueOf(r)));
            rows.sort(null);
            out.put(t, rows);
        }
        return out;
    }

    private static String all(TestWarehouse w, String tenant) {
        return rows(w, tenant).toString().toLowerCase(java.util.Locale.ROOT);
    }
}
