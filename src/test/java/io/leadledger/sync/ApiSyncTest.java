package io.leadledger.sync;

import io.leadledger.extract.api.HubSpotFake;
import io.leadledger.jobs.Workspace;
import io.leadledger.ops.PipelineRunner;
import io.leadledger.support.TestClock;
import io.leadledger.support.TestWarehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A nightly sync whose sources are HubSpot's API (the fake over real HTTP), configured through jobs/ alone, on H2
 * and MariaDB: the first night loads everything, the next reads only what changed since the watermark (minus the
 * overlap), archived contacts arrive deleted, deals link to their contacts, and the token is in no output.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiSyncTest {

    static final Instant NIGHT1 = Instant.parse("2026-11-02T07:30:00Z");
    Path tmp;
    HubSpotFake hub;
    TestClock clock;
    Map<String, TestWarehouse> warehouses;

    @BeforeAll
    void start() throws Exception {
        tmp = Files.createTempDirectory("leadledger-api");
        hub = new HubSpotFake();
        clock = new TestClock(NIGHT1);
        String[] args = {"--HUBSPOT_TEST_TOKEN=" + HubSpotFake.TOKEN, "--leadledger.api.first-backoff=10ms",
                "--leadledger.import.batch-rows=40"};
        warehouses = Map.of("h2", TestWarehouse.h2(tmp.resolve("h2"), clock, args),
                "mariadb", TestWarehouse.mariadb("leadledger_api", clock, args));
    }

    @AfterAll
    void stop() {
        warehouses.values().forEach(TestWarehouse::close);
        hub.close();
    }

    private Path jobs(String tenant) throws Exception {
        Path dir = tmp.resolve(tenant);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("leadledger.yml"), """
                tenant:
                  id: %s
                  reportingCurrency: USD
                  timezone: UTC
                """.formatted(tenant));
        Files.writeString(dir.resolve("nightly-sync.yml"), """
                sources:
                  - name: hubspot
                    profile: hubspot-api-contacts
                    api: { vendor: hubspot, object: contacts, tokenEnv: HUBSPOT_TEST_TOKEN, baseUrl: %1$s }
                  - name: hubspot-deals
                    profile: hubspot-api-deals
                    defaultCurrency: USD
                    api: { vendor: hubspot, object: deals, tokenEnv: HUBSPOT_TEST_TOKEN, baseUrl: %1$s }
                """.formatted(hub.url()));
        Files.writeString(dir.resolve("monthly-reports.yml"), "formats: [xlsx]\nout: " + dir.resolve("out") + "\n");
        return dir;
    }

    @Test
    void theFirstNightLoadsEverythingTheNextOnlyWhatChanged() throws Exception {
        Instant t = Instant.parse("2026-10-01T10:00:00Z");
        for (var e : warehouses.entrySet()) {
            TestWarehouse w = e.getValue();
            String tenant = "api-" + e.getKey();
            hub.records.clear();
        for (int i = 1; i <= 100; i++) {
                hub.add("contacts", i, t.plusSeconds(i * 600L), Map.of("email", "p" + i + "@example.com",
                        "firstname", "P" + i, "createdate", t.plusSeconds(i * 600L).toString(), "hs_analytics_source", "PAID_SEARCH",
                        "hs_analytics_source_data_2", "Brand"));
            }
            hub.add(new HubSpotFake.Rec("contacts", 101, Map.of("email", "gone@example.com", "createdate", t.toString()),
                    t.plusSeconds(60), true, List.of()));
            hub.add(new HubSpotFake.Rec("deals", 9001, Map.of("dealname", "Big", "dealstage", "closedwon", "amount", "1200.50",
                    "closedate", "2026-10-20T00:00:00Z", "createdate", "2026-10-05T00:00:00Z"),
                    Instant.parse("2026-10-20T00:00:00Z"), false, List.of(7L, 8L)));
            hub.add("companies", 500, t, Map.of("domain", "www.BigCo.example"));
            hub.dealCompany.put(9001L, 500L);


            Workspace ws = Workspace.load(jobs(tenant));
            clock.set(NIGHT1);
            JobExecution first = w.bean(PipelineRunner.class).runSync(ws);
            assertEquals(BatchStatus.COMPLETED, first.getStatus(), first.getExitStatus()::getExitDescription);
            assertEquals(101, w.count("stg_lead", tenant));
            assertEquals(1L, w.jdbc().queryForObject("SELECT COUNT(*) FROM stg_lead WHERE tenant = ? AND is_deleted = 1",
                    Long.class, tenant), "the archived contact arrives deleted");
            assertEquals("7", w.jdbc().queryForObject("SELECT lead_ref FROM stg_deal WHERE tenant = ?", String.class, tenant),
                    "the deal's first associated contact is its lead");
            assertEquals("bigco.example", w.jdbc().queryForObject("SELECT account_domain FROM stg_deal WHERE tenant = ?",
                    String.class, tenant), "the domain of the deal's company");
            assertEquals(Map.of("rows_read", 101L, "rows_loaded", 101L), counts(w, first.getId(), "hubspot"));

            // a contact changes, one is added; the next night reads the changes since the watermark only
            clock.set(NIGHT1.plus(Duration.ofDays(1)));
            hub.add("contacts", 5, NIGHT1.plus(Duration.ofHours(3)), Map.of("email", "five.new@example.com",
                    "createdate", t.plusSeconds(3000).toString()));
            hub.add("contacts", 102, NIGHT1.plus(Duration.ofHours(4)), Map.of("email", "new@example.com",
                    "createdate", NIGHT1.plus(Duration.ofHours(4)).toString()));
            int before = hub.calls.size();
            JobExecution second = w.bean(PipelineRunner.class).runSync(ws);
            assertEquals(BatchStatus.COMPLETED, second.getStatus());
            assertEquals(Map.of("rows_read", 2L, "rows_loaded", 2L), counts(w, second.getId(), "hubspot"));
            assertEquals(102, w.count("stg_lead", tenant));
            assertEquals("five.new@example.com", w.jdbc().queryForObject(
                    "SELECT email_norm FROM stg_lead WHERE tenant = ? AND record_id = '5'", String.class, tenant));
            assertThat(hub.calls.subList(before, hub.calls.size())).anyMatch(c -> c.startsWith("POST /crm/v3/objects/contacts/search"))
                    .noneMatch(c -> c.startsWith("GET /crm/v3/objects/contacts?limit=100&archived=false"));
            assertEquals(NIGHT1.plus(Duration.ofDays(1)), w.jdbc().queryForObject(
                    "SELECT read_until FROM source_watermark WHERE tenant = ? AND source_name = 'hubspot'",
                    java.sql.Timestamp.class, tenant).toLocalDateTime().toInstant(java.time.ZoneOffset.UTC));
            assertThat(w.jdbc().queryForList("SELECT message FROM run_audit WHERE tenant = ? AND message IS NOT NULL",
                    String.class, tenant)).noneMatch(m -> m.contains(HubSpotFake.TOKEN));
        }
    }

    private static Map<String, Long> counts(TestWarehouse w, long run, String source) {
        Map<String, Object> m = w.jdbc().queryForMap("SELECT rows_read, rows_loaded FROM run_audit WHERE run_id = ? "
                + "AND source_name = ?", run, source);
        return Map.of("rows_read", ((Number) m.get("rows_read")).longValue(), "rows_loaded",
                ((Number) m.get("rows_loaded")).longValue());
    }
}
