package io.leadledger.sync;

import io.leadledger.extract.api.MarketoFake;
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
 * A nightly sync whose leads source is Marketo's REST API (the fake over real HTTP), configured through jobs/ alone,
 * on H2 and MariaDB: the first night walks the lead ids, the next reads the leads that the change activities since
 * the watermark (minus the overlap) name; a deleted lead and a merged-away one arrive deleted, the survivor carries
 * the merged id, and neither the client secret nor an access token is in any audit message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MarketoSyncTest {

    static final Instant NIGHT1 = Instant.parse("2026-11-02T07:30:00Z");
    static final Instant NIGHT2 = NIGHT1.plus(Duration.ofDays(1));
    Path tmp;
    MarketoFake mkto;
    TestClock clock;
    Map<String, TestWarehouse> warehouses;

    @BeforeAll
    void start() throws Exception {
        tmp = Files.createTempDirectory("leadledger-marketo");
        mkto = new MarketoFake();
        clock = new TestClock(NIGHT1);
        String[] args = {"--MKTO_TEST_CLIENT_ID=" + MarketoFake.CLIENT_ID, "--MKTO_TEST_CLIENT_SECRET=" + MarketoFake.CLIENT_SECRET,
                "--leadledger.api.first-backoff=10ms", "--leadledger.api.marketo-id-gap=900", "--leadledger.import.batch-rows=40"};
        warehouses = Map.of("h2", TestWarehouse.h2(tmp.resolve("h2"), clock, args),
                "mariadb", TestWarehouse.mariadb("leadledger_mkto", clock, args));
    }

    @AfterAll
    void stop() {
        warehouses.values().forEach(TestWarehouse::close);
        mkto.close();
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
                  - name: marketo
                    profile: marketo-api-leads
                    api: { vendor: marketo, object: leads, clientIdEnv: MKTO_TEST_CLIENT_ID,
                           clientSecretEnv: MKTO_TEST_CLIENT_SECRET, baseUrl: %s }
                """.formatted(mkto.url()));
        Files.writeString(dir.resolve("monthly-reports.yml"), "formats: [xlsx]\nout: " + dir.resolve("out") + "\n");
        return dir;
    }

    private void lead(long id, Instant updated, String email) {
        mkto.lead(id, updated, Map.of("email", email, "firstName", "P" + id, "createdAt",
                Instant.parse("2026-10-01T10:00:00Z").plusSeconds(id * 600).toString(), "leadSource", "Paid Search"));
    }

    @Test
    void theFirstNightWalksTheIdsTheNextReadsTheLeadsItsActivitiesName() throws Exception {
        Instant t = Instant.parse("2026-10-01T10:00:00Z");
        for (var e : warehouses.entrySet()) {
            TestWarehouse w = e.getValue();
            String tenant = "mkto-" + e.getKey();
            mkto.leads.clear();
            mkto.activities.clear();
            for (long i = 1; i <= 100; i++) {
                lead(i, t.plusSeconds(i * 600), "p" + i + "@example.com");
            }
            lead(450, t, "far@example.com"); // past a block without leads
            mkto.activity(1, 20, NIGHT1.minus(Duration.ofDays(1)), 13, "Email Address", Map.of());

            Workspace ws = Workspace.load(jobs(tenant));
            clock.set(NIGHT1);
            JobExecution first = w.bean(PipelineRunner.class).runSync(ws);
            assertEquals(BatchStatus.COMPLETED, first.getStatus(), first.getExitStatus()::getExitDescription);
            assertEquals(101, w.count("stg_lead", tenant));
            assertEquals(Map.of("rows_read", 101L, "rows_loaded", 101L), counts(w, first.getId()));

            // the next day: 5 changes, 102 is new, 7 is deleted, 9 merged into 8; 30 changes after the night began
            lead(5, NIGHT1.plus(Duration.ofHours(3)), "five.new@example.com");
            mkto.activity(2, 5, NIGHT1.plus(Duration.ofHours(3)), 13, "Email Address", Map.of("New Value", "five.new@example.com"));
            lead(102, NIGHT1.plus(Duration.ofHours(4)), "new@example.com");
            mkto.activity(3, 102, NIGHT1.plus(Duration.ofHours(4)), 12, "P102", Map.of());
            mkto.leads.remove(7L);
            mkto.activity(4, 7, NIGHT1.plus(Duration.ofHours(5)), 37, "P7", Map.of());
            mkto.leads.remove(9L);
            mkto.activity(5, 8, NIGHT1.plus(Duration.ofHours(6)), 32, "P8", Map.of("Merge ids", "[9]"));
            mkto.activity(6, 30, NIGHT2.plus(Duration.ofHours(1)), 13, "First Name", Map.of());
            clock.set(NIGHT2);
            int before = mkto.calls.size();
            JobExecution second = w.bean(PipelineRunner.class).runSync(ws);
            clock.set(NIGHT1);
            assertEquals(BatchStatus.COMPLETED, second.getStatus(), second.getExitStatus()::getExitDescription);
            assertEquals(Map.of("rows_read", 5L, "rows_loaded", 5L), counts(w, second.getId()));
            assertEquals(102, w.count("stg_lead", tenant));
            assertEquals("five.new@example.com", w.jdbc().queryForObject(
                    "SELECT email_norm FROM stg_lead WHERE tenant = ? AND record_id = '5'", String.class, tenant));
            assertThat(w.jdbc().queryForList("SELECT record_id FROM stg_lead WHERE tenant = ? AND is_deleted = 1 "
                    + "ORDER BY record_id", String.class, tenant)).containsExactly("7", "9");
            assertEquals("9", w.jdbc().queryForObject("SELECT merged_ids FROM stg_lead WHERE tenant = ? AND record_id = '8'",
                    String.class, tenant));
            assertThat(mkto.calls.subList(before, mkto.calls.size()))
                    .anyMatch(c -> c.startsWith("GET /rest/v1/activities/pagingtoken.json?sinceDatetime="
                            + NIGHT1.minus(Duration.ofMinutes(10)).toString().replace(":", "%3A")))
                    .noneMatch(c -> c.contains("filterValues=1,2,3"));
            assertEquals(NIGHT2, w.jdbc().queryForObject(
                    "SELECT read_until FROM source_watermark WHERE tenant = ? AND source_name = 'marketo'",
                    java.sql.Timestamp.class, tenant).toLocalDateTime().toInstant(java.time.ZoneOffset.UTC));
            for (String secret : mkto.tokens()) {
                assertThat(w.jdbc().queryForList("SELECT message FROM run_audit WHERE tenant = ? AND message IS NOT NULL",
                        String.class, tenant)).noneMatch(m -> m.contains(secret) || m.contains(MarketoFake.CLIENT_SECRET));
            }
        }
    }

    @Test
    void theDailyQuotaStopsANightAndRestartGoesOnFromThePageItStoppedAt() throws Exception {
        for (var e : warehouses.entrySet()) {
            TestWarehouse w = e.getValue();
            String tenant = "mkto-quota-" + e.getKey();
            mkto.leads.clear();
            mkto.activities.clear();
            for (long i = 1; i <= 1_000; i++) {
                lead(i, Instant.parse("2026-10-01T10:00:00Z").plusSeconds(i), "q" + i + "@example.com");
            }
            Workspace ws = Workspace.load(jobs(tenant));
            clock.set(NIGHT1);
            // ids 1-300 and 301-600 are read, then the day's quota is gone
            mkto.faultOnCall.put(mkto.restCalls() + 3, "607");
            JobExecution failed = w.bean(PipelineRunner.class).runSync(ws);
            assertEquals(BatchStatus.FAILED, failed.getStatus());
            assertEquals(600, w.count("stg_lead", tenant), "the pages before the refusal are committed");
            String message = w.jdbc().queryForObject("SELECT message FROM run_audit WHERE run_id = ? AND source_name = 'marketo'",
                    String.class, failed.getId());
            assertThat(message).contains("Marketo error 607").contains("daily API quota").doesNotContain(MarketoFake.CLIENT_SECRET);
            // what Batch kept of the failure: the job's and every step's exit description
            List<String> said = new java.util.ArrayList<>(List.of(failed.getExitStatus().getExitDescription()));
            failed.getStepExecutions().forEach(s -> said.add(s.getExitStatus().getExitDescription()));
            assertThat(String.join("\n", said)).contains("607").doesNotContain(MarketoFake.CLIENT_SECRET)
                    .doesNotContain(MarketoFake.CLIENT_ID).doesNotContain("client_secret");
            for (String token : mkto.tokens()) {
                assertThat(String.join("\n", said)).doesNotContain(token);
            }

            int before = mkto.calls.size();
            JobExecution restarted = w.bean(PipelineRunner.class).restart(ws, failed.getId());
            assertEquals(BatchStatus.COMPLETED, restarted.getStatus(), restarted.getExitStatus()::getExitDescription);
            assertEquals(1_000, w.count("stg_lead", tenant));
            assertEquals(1_000L, w.jdbc().queryForObject("SELECT COUNT(DISTINCT email_norm) FROM stg_lead WHERE tenant = ?",
                    Long.class, tenant));
            List<String> after = mkto.calls.subList(before, mkto.calls.size()).stream()
                    .filter(c -> c.startsWith("GET /rest/v1/leads.json")).toList();
            assertThat(after.get(0)).contains("filterValues=301,302,"); // the page the last committed chunk was in
            assertThat(after).noneMatch(c -> c.contains("filterValues=1,2,3,"));
            assertEquals(Map.of("rows_read", 1_000L, "rows_loaded", 1_000L), counts(w, restarted.getId()),
                    "the run's audit line counts every lead once");
        }
    }

    /**
     * Activities as touches, end to end: a leads source and an activities source naming it ({@code people:}); each
     * activity finds its lead by the Marketo lead id alone (an activity carries no e-mail), the channel map names
     * the types' channels, a type not asked for is never read, and an activity of a lead deleted since is a touch
     * of no lead.
     */
    @Test
    void activitiesBecomeTouchesOfTheirLeadsByLeadId() throws Exception {
        Instant t = Instant.parse("2026-10-01T10:00:00Z");
        for (var e : warehouses.entrySet()) {
            TestWarehouse w = e.getValue();
            String tenant = "mkto-touch-" + e.getKey();
            mkto.leads.clear();
            mkto.activities.clear();
            for (long i = 1; i <= 5; i++) {
                lead(i, t.plusSeconds(i * 600), "t" + i + "@example.com");
            }
            // Fill Out Form (2) before lead 1 was created, Click Email (11) after; a Visit Webpage (1) is not a touch
            // type asked for; lead 99 was deleted from Marketo since its click
            mkto.activity(11, 1, t.minus(Duration.ofDays(3)), 2, "Whitepaper form", Map.of("Referrer URL", "https://g.co"));
            mkto.activity(12, 1, t.plus(Duration.ofDays(2)), 11, "Nurture 3", Map.of());
            mkto.activity(13, 2, t.plus(Duration.ofDays(1)), 11, "Nurture 1", Map.of());
            mkto.activity(14, 3, t.plus(Duration.ofDays(1)), 1, "/pricing", Map.of());
            mkto.activity(15, 99, t.plus(Duration.ofDays(1)), 11, "Nurture 1", Map.of());
            Path dir = jobs(tenant);
            Files.writeString(dir.resolve("leadledger.yml"), """
                    tenant:
                      id: %s
                      reportingCurrency: USD
                      timezone: UTC
                    channels:
                      Fill Out Form: Website
                      Click Email: Email
                    """.formatted(tenant));
            Files.writeString(dir.resolve("nightly-sync.yml"), Files.readString(dir.resolve("nightly-sync.yml")) + """
                      - name: marketo-activities
                        profile: marketo-api-activities
                        people: marketo
                        api: { vendor: marketo, object: activities, clientIdEnv: MKTO_TEST_CLIENT_ID,
                               clientSecretEnv: MKTO_TEST_CLIENT_SECRET, baseUrl: %s }
                    """.formatted(mkto.url()));
            clock.set(NIGHT1);
            JobExecution night = w.bean(PipelineRunner.class).runSync(Workspace.load(dir));
            assertEquals(BatchStatus.COMPLETED, night.getStatus(), night.getExitStatus()::getExitDescription);

            Map<String, String> touch = new java.util.TreeMap<>();
            w.jdbc().query("SELECT record_id, lead_key, matched_via, channel, campaign, touch_type FROM int_touch "
                    + "WHERE tenant = ?", rs -> {
                touch.put(rs.getString(1), rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4) + " "
                        + rs.getString(5) + " " + rs.getString(6));
            }, tenant);
            assertEquals(Map.of(
                    "11", "t1@example.com record Website Whitepaper form Fill Out Form",
                    "12", "t1@example.com record Email Nurture 3 Click Email",
                    "13", "t2@example.com record Email Nurture 1 Click Email",
                    "15", "null null Email Nurture 1 Click Email"), touch);
            Map<String, Object> audit = w.jdbc().queryForMap("SELECT rows_read, rows_loaded, rows_quarantined FROM "
                    + "run_audit WHERE run_id = ? AND source_name = 'marketo-activities'", night.getId());
            assertEquals(List.of(4L, 4L, 0L), List.of(((Number) audit.get("rows_read")).longValue(),
                    ((Number) audit.get("rows_loaded")).longValue(), ((Number) audit.get("rows_quarantined")).longValue()));
        }
    }

    private static Map<String, Long> counts(TestWarehouse w, long run) {
        Map<String, Object> m = w.jdbc().queryForMap("SELECT rows_read, rows_loaded FROM run_audit WHERE run_id = ? "
                + "AND source_name = 'marketo'", run);
        return Map.of("rows_read", ((Number) m.get("rows_read")).longValue(), "rows_loaded",
                ((Number) m.get("rows_loaded")).longValue());
    }
}
