package io.leadledger.reconcile;

import io.leadledger.jobs.Workspace;
import io.leadledger.ops.PipelineRunner;
import io.leadledger.support.OpsTenant;
import io.leadledger.support.TestClock;
import io.leadledger.support.ReconciledTables;
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
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A night whose inputs did not change keeps the reconciled tables, and they are row for row what a full rebuild
 * writes; any change rebuilds. Two tenants with the same exports: one run as every night, the other with
 * {@code full} each time; after each night every int_, core_ and mart_ table of the two is compared (without the
 * tenant column). The ops tenant's leads plus L5 (handed 6 October 10:00) and L6 (4 October), never touched;
 * "never touched" after 14 days, so L5 crosses the line on the 21st, and no lead on the 22nd.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnchangedNightTest {

    /** 2026-10-20 12:00 in New York, the ops tenant's zone. */
    static final Instant NIGHT = Instant.parse("2026-10-20T16:00:00Z");

    Path tmp;
    final TestClock clock = new TestClock(NIGHT);
    final Map<String, TestWarehouse> warehouses = new LinkedHashMap<>();

    @BeforeAll
    void start() throws Exception {
        tmp = Files.createTempDirectory("ll-unchanged");
        warehouses.put("h2", TestWarehouse.h2(tmp.resolve("h2"), clock));
        warehouses.put("mariadb", TestWarehouse.mariadb("leadledger_unchanged", clock));
    }

    @AfterAll
    void stop() {
        warehouses.values().forEach(TestWarehouse::close);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void anUnchangedNightKeepsTheTablesAFullRebuildWouldWrite(String db) throws Exception {
        TestWarehouse w = warehouses.get(db);
        PipelineRunner runner = w.bean(PipelineRunner.class);
        String nightly = db + "-nightly";
        String full = db + "-full";
        clock.set(NIGHT);

        assertEquals("rebuilt", night(runner, nightly, false), "the first night has nothing to keep");
        night(runner, full, true);
        assertThat(ReconciledTables.of(w, nightly)).isEqualTo(ReconciledTables.of(w, full));
        assertEquals(1L, neverTouched(w, nightly), "L6");

        clock.advance(Duration.ofHours(2));
        assertThat(night(runner, nightly, false)).startsWith("kept: the same staging rows, FX rates, overrides and settings as run ");
        night(runner, full, true);
        assertThat(ReconciledTables.of(w, nightly)).isEqualTo(ReconciledTables.of(w, full));

        clock.advance(Duration.ofDays(1)); // the 21st: L5 is now never touched
        // L5 and L2 (handed the same day, no first touch; its open deal keeps it accepted) are looked at again
        assertThat(night(runner, nightly, false)).as("a lead crosses the never-touched line")
                .startsWith("increment: 0 lead records and 2 leads recomputed (of 6 leads)");
        night(runner, full, true);
        assertThat(ReconciledTables.of(w, nightly)).isEqualTo(ReconciledTables.of(w, full));
        assertEquals(2L, neverTouched(w, nightly), "L5 and L6");

        clock.advance(Duration.ofDays(1)); // the 22nd: no lead was handed on 7 October
        assertThat(night(runner, nightly, false)).startsWith("kept: ");
        night(runner, full, true);
        assertThat(ReconciledTables.of(w, nightly)).isEqualTo(ReconciledTables.of(w, full));

        for (String t : List.of(nightly, full)) { // a new lead in the export
            Files.writeString(tmp.resolve(t).resolve("leads.csv"), "L7;gus@example.com;12-10-2026 10:00;google cpc;Brand;\n",
                    StandardOpenOption.APPEND);
        }
        assertThat(night(runner, nightly, false)).as("a changed export").startsWith("increment: 1 lead record and 1 lead recomputed (of 7 leads)");
        night(runner, full, true);
        assertThat(ReconciledTables.of(w, nightly)).isEqualTo(ReconciledTables.of(w, full));
        assertThat(night(runner, nightly, false)).startsWith("kept: ");

        for (String t : List.of(nightly, full)) { // the same rows sent again in another order: staged again, unchanged
            Path leads = tmp.resolve(t).resolve("leads.csv");
            List<String> lines = new ArrayList<>(Files.readAllLines(leads));
            java.util.Collections.reverse(lines.subList(1, lines.size()));
            Files.write(leads, lines);
        }
        assertThat(night(runner, nightly, false)).as("rows staged again with the same content")
                .startsWith("kept: ");
        night(runner, full, true);
        assertThat(ReconciledTables.of(w, nightly)).isEqualTo(ReconciledTables.of(w, full));

        for (String t : List.of(nightly, full)) { // the channel map changes
            Path yml = tmp.resolve(t).resolve("jobs/leadledger.yml");
            Files.writeString(yml, Files.readString(yml).replace("webinar: Webinar", "webinar: Events"));
        }
        assertEquals("rebuilt", night(runner, nightly, false), "a changed setting");
        night(runner, full, true);
        assertThat(ReconciledTables.of(w, nightly)).isEqualTo(ReconciledTables.of(w, full));
        assertThat(w.jdbc().queryForList("SELECT DISTINCT channel FROM mart_lead WHERE tenant = ?", String.class, nightly))
                .contains("Events");

        // an override set in the console between nights: the data changed
        w.jdbc().update("INSERT INTO link_override (tenant, source_name, record_id, lead_key, note) VALUES (?,?,?,?,?)",
                nightly, "crm-deals", "D3", "cy@example.com", "test");
        assertThat(night(runner, nightly, false)).as("a changed override").startsWith("increment: ");
        assertEquals("cy@example.com", w.jdbc().queryForObject("SELECT lead_key FROM core_lead_deal_link WHERE tenant = ? "
                + "AND record_id = 'D3'", String.class, nightly));
    }

    /** The command line says what the reconcile did; --full rebuilds an unchanged night; --full is the sync's only. */
    @ParameterizedTest
    @ValueSource(strings = {"h2"})
    void theCommandLineSaysWhetherTheTablesWereKeptAndFullRebuildsAnyway(String db) throws Exception {
        TestWarehouse w = warehouses.get(db);
        clock.set(NIGHT);
        String tenant = db + "-cli";
        String jobs = OpsTenant.write(tmp.resolve(tenant), tenant, "").toString();
        io.leadledger.support.CliDriver.Result first = io.leadledger.support.CliDriver.run(w, "run", "nightly-sync", "--jobs", jobs);
        assertEquals(0, first.code(), first::toString);
        assertThat(first.out()).contains("reconcile: rebuilt");
        io.leadledger.support.CliDriver.Result again = io.leadledger.support.CliDriver.run(w, "run", "nightly-sync", "--jobs", jobs);
        assertThat(again.out()).contains("reconcile: kept: the same staging rows");
        io.leadledger.support.CliDriver.Result full = io.leadledger.support.CliDriver.run(w, "run", "nightly-sync", "--full", "--jobs", jobs);
        assertEquals(0, full.code(), full::toString);
        assertThat(full.out()).contains("reconcile: rebuilt");
        io.leadledger.support.CliDriver.Result wrong = io.leadledger.support.CliDriver.run(w, "run", "monthly-reports", "--full", "--jobs", jobs);
        assertEquals(2, wrong.code());
        assertThat(wrong.err()).contains("--full applies to nightly-sync only");
    }

    /** Runs the tenant's night; what the reconcile did ("rebuilt" or "kept: why"). */
    private String night(PipelineRunner runner, String tenant, boolean full) throws Exception {
        Path dir = tmp.resolve(tenant);
        if (!Files.exists(dir.resolve("jobs"))) {
            OpsTenant.write(dir, tenant, "");
            Files.writeString(dir.resolve("leads.csv"), """
                    L5;eve@example.com;05-10-2026 10:00;webinar;Oct webinar;06-10-2026 10:00
                    L6;fay@example.com;03-10-2026 10:00;webinar;Oct webinar;04-10-2026 10:00
                    """, StandardOpenOption.APPEND);
        }
        JobExecution e = runner.runSync(Workspace.load(dir.resolve("jobs")), null, full);
        assertEquals(BatchStatus.COMPLETED, e.getStatus(), e.getExitStatus()::getExitDescription);
        return io.leadledger.sync.SyncJobFactory.reconcileDid(e);
    }

    private static long neverTouched(TestWarehouse w, String tenant) {
        return w.jdbc().queryForObject("SELECT COUNT(*) FROM mart_lead WHERE tenant = ? AND funnel_status = 'never_touched'",
                Long.class, tenant);
    }
}
