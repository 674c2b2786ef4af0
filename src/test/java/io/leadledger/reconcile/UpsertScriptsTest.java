package io.leadledger.reconcile;

import io.leadledger.jobs.Workspace;
import io.leadledger.ops.PipelineRunner;
import io.leadledger.support.OpsTenant;
import io.leadledger.support.TestWarehouse;
import io.leadledger.warehouse.Dialect;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The reconcile scripts' upserts in MySQL 8's form (no VALUES(): the SELECT's own expressions), checked where they
 * can run here: MariaDB accepts that form too, so after a reconcile, running each rewritten upsert again must be
 * accepted and change nothing (the upserts re-key to what the reconcile already wrote).
 */
class UpsertScriptsTest {

    static List<String> upserts() {
        List<String> out = new ArrayList<>();
        Stream.of(Reconciler.MATCHING_SCRIPTS, Reconciler.CORE_SCRIPTS, Reconciler.MART_SCRIPTS).flatMap(List::stream)
                .forEach(path -> SqlScript.load(path).statements().stream()
                        .filter(s -> s.toUpperCase().contains("ON DUPLICATE KEY UPDATE")).forEach(out::add));
        return out;
    }

    @Test
    void everyScriptUpsertHasAMySql8FormWithoutValues() {
        assertThat(upserts()).isNotEmpty().allSatisfy(s -> {
            String mysql = Dialect.selectReferences(s);
            assertThat(mysql.substring(mysql.toUpperCase().indexOf("ON DUPLICATE KEY UPDATE"))).doesNotContainIgnoringCase("VALUES(");
        });
    }

    @Test
    void theMySql8FormRunsOnMariaDbAndChangesNothingAfterAReconcile() throws Exception {
        Path dir = Files.createTempDirectory("ll-upserts");
        try (TestWarehouse w = TestWarehouse.mariadb("leadledger_upserts")) {
            Workspace ws = Workspace.load(OpsTenant.write(dir, "upserts", ""));
            assertEquals(BatchStatus.COMPLETED, w.bean(PipelineRunner.class).runSync(ws).getStatus());
            List<String> before = snapshot(w);
            NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(w.jdbc());
            for (String s : upserts()) {
                named.update(Dialect.selectReferences(s),
                        new MapSqlParameterSource("tenant", "upserts"));
            }
            assertEquals(before, snapshot(w));
        }
    }

    private static List<String> snapshot(TestWarehouse w) {
        List<String> rows = new ArrayList<>();
        for (String t : List.of("int_lead_member", "core_lead_deal_link")) {
            w.jdbc().queryForList("SELECT * FROM " + t + " WHERE tenant = 'upserts'").forEach(r -> rows.add(t + " " + r));
        }
        rows.sort(null);
        return rows;
    }
}
