package io.leadledger.ops;

import io.leadledger.extract.api.HubSpotFake;
import io.leadledger.support.CliDriver;
import io.leadledger.support.PausingLauncher;
import io.leadledger.support.TestWarehouse;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * kill -9 in the middle of an API sync, on MariaDB: a real child JVM reading HubSpot (the fake, over real HTTP on
 * the port its jobs/ baseUrl names) is stopped dead between two committed chunks of a page and killed (SIGKILL);
 * {@code restart} then completes it, and staging is row for row what an uninterrupted run of the same records
 * staged (run ids aside), with the same count audit.
 */
class ApiKillRecoveryTest {

    @Test
    void anApiSyncKilledBetweenChunksAndRestartedStagesWhatAnUninterruptedRunStages() throws Exception {
        Path tmp = Files.createTempDirectory("leadledger-api-kill");
        String[] appArgs = {"--HUBSPOT_TEST_TOKEN=" + HubSpotFake.TOKEN, "--leadledger.import.batch-rows=40",
                "--leadledger.api.first-backoff=10ms"};
        try (HubSpotFake hub = new HubSpotFake(); TestWarehouse w = TestWarehouse.mariadb("leadledger_apikill", null, appArgs)) {
            Instant t = Instant.parse("2026-10-01T10:00:00Z");
            for (int i = 1; i <= 330; i++) {
                hub.add("contacts", i, t.plusSeconds(i * 60L), Map.of("email", "p" + i + "@example.com", "firstname", "P" + i,
                        "createdate", t.plusSeconds(i * 60L).toString(), "hs_analytics_source", "PAID_SEARCH"));
            }
            hub.add(new HubSpotFake.Rec("contacts", 331, Map.of("email", "gone@example.com", "createdate", t.toString()),
                    t.plusSeconds(30), true, List.of()));

            Path whole = jobs(tmp.resolve("whole"), "apiwhole", hub.url());
            CliDriver.Result r = CliDriver.run(w, "run", "nightly-sync", "--jobs", whole.toString());
            assertEquals(0, r.code(), r::toString);

            Path killedDir = tmp.resolve("killed");
            Path killed = jobs(killedDir, "apikilled", hub.url());
            // the 5th staging statement: 4 chunks of 40 committed, the second page of 100 half read
            killAt(w, killedDir, appArgs, "sql:INSERT INTO stg_lead#5", List.of("run", "nightly-sync", "--jobs", killed.toString()));
            long run = w.jdbc().queryForObject("""
                    SELECT MAX(e.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_EXECUTION_PARAMS p
                      ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'tenant' WHERE p.PARAMETER_VALUE = ?""",
                    Long.class, "apikilled");
            long before = w.count("stg_lead", "apikilled");
            assertThat(before).as("killed mid-sync: some rows staged, not all").isBetween(1L, 330L);
            assertEquals("STARTED", w.jdbc().queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
                    String.class, run));

            CliDriver.Result restarted = CliDriver.run(w, "restart", Long.toString(run), "--jobs", killed.toString());
            assertEquals(0, restarted.code(), restarted::toString);
            assertEquals(staging(w, "apiwhole"), staging(w, "apikilled"), "staging row for row as the uninterrupted run's");
            assertEquals(331, staging(w, "apikilled").size());
            assertEquals(List.of(Map.of("api_total", 330L, "warehouse_count", 330L)), audit(w, "apikilled"));
            assertEquals(audit(w, "apiwhole"), audit(w, "apikilled"));
        }
    }

    private static Path jobs(Path dir, String tenant, String url) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("leadledger.yml"), "tenant:\n  id: " + tenant + "\n  reportingCurrency: USD\n  timezone: UTC\n");
        Files.writeString(dir.resolve("nightly-sync.yml"), """
                sources:
                  - name: hubspot
                    profile: hubspot-api-contacts
                    api: { vendor: hubspot, object: contacts, tokenEnv: HUBSPOT_TEST_TOKEN, baseUrl: %s }
                """.formatted(url));
        Files.writeString(dir.resolve("monthly-reports.yml"), "formats: [xlsx]\nout: " + dir.resolve("out") + "\n");
        return dir;
    }

    /** Every staged lead of the tenant, every column but the tenant and the run. */
    private static List<Map<String, Object>> staging(TestWarehouse w, String tenant) {
        List<Map<String, Object>> rows = w.jdbc().queryForList("SELECT * FROM stg_lead WHERE tenant = ? ORDER BY record_id", tenant);
        rows.forEach(m -> m.keySet().removeIf(k -> k.equalsIgnoreCase("tenant") || k.equalsIgnoreCase("run_id")));
        return rows;
    }

    private static List<Map<String, Object>> audit(TestWarehouse w, String tenant) {
        return w.jdbc().queryForList("SELECT api_total, warehouse_count FROM api_count_audit WHERE tenant = ?", tenant).stream()
                .map(m -> Map.<String, Object>of("api_total", ((Number) m.get("api_total")).longValue(),
                        "warehouse_count", ((Number) m.get("warehouse_count")).longValue())).toList();
    }

    /** As KillRecoveryTest: the command line in a child JVM paused at {@code at}, then SIGKILL. */
    private static void killAt(TestWarehouse w, Path dir, String[] appArgs, String at, List<String> command) throws Exception {
        Path signal = dir.resolve("paused");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true", "-Dpause.at=" + at,
                "-Dpause.signal=" + signal, "-cp", System.getProperty("java.class.path")));
        cmd.addAll(List.of("-Dspring.datasource.url=" + w.url(), "-Dspring.datasource.username=" + TestWarehouse.MARIADB_USER,
                "-Dspring.datasource.password=" + TestWarehouse.MARIADB_PASSWORD, "-Dlogging.level.io.leadledger=WARN"));
        for (String a : appArgs) {
            cmd.add("-D" + a.substring(2));
        }
        cmd.add(PausingLauncher.class.getName());
        cmd.addAll(command);
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(signal)) {
            if (!child.isAlive()) {
                fail("the child ended (exit " + child.exitValue() + ") before reaching " + at + ":\n"
                        + Files.readString(dir.resolve("child.log")));
            }
            if (System.nanoTime() > deadline) {
                child.destroyForcibly().waitFor();
                fail("the child did not reach " + at + " in 120 s:\n" + Files.readString(dir.resolve("child.log")));
            }
            Thread.sleep(50);
        }
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }
}
