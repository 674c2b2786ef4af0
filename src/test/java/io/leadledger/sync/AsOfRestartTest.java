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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A night that fails and is restarted the next day reconciles as on its own day: the day "never touched" is
 * counted from (asOf) is a parameter of the run, written at launch from the Clock. Two leads are added to the ops
 * tenant's, handed and never touched: L6 on 4 October, L5 on 6 October 10:00; after 14 days L5 counts as never
 * touched on the 21st, not yet on the 20th.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AsOfRestartTest {

    /** 2026-10-20 12:00 in New York, the ops tenant's zone. */
    static final Instant NIGHT = Instant.parse("2026-10-20T16:00:00Z");

    Path tmp;
    final TestClock clock = new TestClock(NIGHT);
    final Map<String, TestWarehouse> warehouses = new LinkedHashMap<>();

    @BeforeAll
    void start() throws Exception {
        tmp = Files.createTempDirectory("ll-asof");
        warehouses.put("h2", TestWarehouse.h2(tmp.resolve("h2"), clock));
        warehouses.put("mariadb", TestWarehouse.mariadb("leadledger_asof", clock));
    }

    @AfterAll
    void stop() {
        warehouses.values().forEach(TestWarehouse::close);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aRunRestartedTheNextDayGivesTheMartsOfAnUninterruptedRun(String db) throws Exception {
        TestWarehouse w = warehouses.get(db);
        PipelineRunner runner = w.bean(PipelineRunner.class);

        clock.set(NIGHT);
        Workspace straight = workspace(db + "-straight");
        assertEquals(BatchStatus.COMPLETED, runner.runSync(straight).getStatus());

        Path restartedDir = tmp.resolve(db + "-restarted");
        Workspace restarted = workspace(db + "-restarted");
        OpsTenant.brokenDeals(restartedDir);
        JobExecution failed = runner.runSync(restarted);
        assertEquals(BatchStatus.FAILED, failed.getStatus());
        assertEquals(LocalDate.of(2026, 10, 20), failed.getJobParameters().getLocalDate(SyncJobFactory.AS_OF));

        clock.advance(Duration.ofDays(1));
        OpsTenant.goodDeals(restartedDir);
        assertEquals(BatchStatus.COMPLETED, runner.restart(restarted, failed.getId()).getStatus());
        Workspace late = workspace(db + "-late");
        assertEquals(BatchStatus.COMPLETED, runner.runSync(late).getStatus());

        assertThat(marts(w, restarted)).isEqualTo(marts(w, straight));
        // the test can tell the days apart: a run launched on the 21st counts L2 as never touched
        assertThat(marts(w, late)).isNotEqualTo(marts(w, straight));
        assertThat(neverTouched(w, straight)).isEqualTo(1L);
        assertThat(neverTouched(w, late)).isEqualTo(2L);
    }

    private Workspace workspace(String tenant) throws Exception {
        Path dir = tmp.resolve(tenant);
        if (!Files.exists(dir.resolve("jobs"))) {
            OpsTenant.write(dir, tenant, "");
            Files.writeString(dir.resolve("leads.csv"), """
                    L5;eve@example.com;05-10-2026 10:00;webinar;Oct webinar;06-10-2026 10:00
                    L6;fay@example.com;03-10-2026 10:00;webinar;Oct webinar;04-10-2026 10:00
                    """, java.nio.file.StandardOpenOption.APPEND);
        }
        return Workspace.load(dir.resolve("jobs"));
    }

    /** Every row of mart_lead and mart_channel_month, without the tenant column. */
    private static List<Map<String, Object>> marts(TestWarehouse w, Workspace ws) {
        String t = ws.tenant().id();
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        rows.addAll(w.jdbc().queryForList("SELECT * FROM mart_lead WHERE tenant = ? ORDER BY lead_key", t));
        rows.addAll(w.jdbc().queryForList(
                "SELECT * FROM mart_channel_month WHERE tenant = ? ORDER BY month_key, channel, campaign", t));
        rows.forEach(r -> r.remove("tenant"));
        assertThat(rows).isNotEmpty();
        return rows;
    }

    private static long neverTouched(TestWarehouse w, Workspace ws) {
        return w.jdbc().queryForObject("SELECT COALESCE(SUM(never_touched), 0) FROM mart_channel_month WHERE tenant = ?",
                Long.class, ws.tenant().id());
    }
}
