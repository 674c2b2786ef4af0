package io.leadledger.sync;

import io.leadledger.extract.api.SalesforceFake;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.leadledger.extract.api.SalesforceFake.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A nightly sync reading Salesforce's Lead, Contact and Opportunity through the API (the fake over real HTTP),
 * configured through jobs/ alone, on H2 and MariaDB: the first night loads everything in several batches, the next
 * only what changed since the watermark; deleted leads drop out; a converted lead and the contact it became are one
 * person, and the opportunity created by the conversion is linked to that person by its primary contact role.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SalesforceSyncTest {

    static final Instant NIGHT1 = Instant.parse("2026-11-02T07:30:00Z");
    Path tmp;
    SalesforceFake sf;
    TestClock clock;
    Map<String, TestWarehouse> warehouses;

    @BeforeAll
    void start() throws Exception {
        tmp = Files.createTempDirectory("leadledger-sf");
        sf = new SalesforceFake();
        sf.batchSize = 7;
        clock = new TestClock(NIGHT1);
        String[] args = {"--SF_TEST_CLIENT_ID=" + SalesforceFake.CLIENT_ID,
                "--SF_TEST_CLIENT_SECRET=" + SalesforceFake.CLIENT_SECRET, "--leadledger.api.first-backoff=10ms",
                "--leadledger.import.batch-rows=10"};
        warehouses = Map.of("h2", TestWarehouse.h2(tmp.resolve("h2"), clock, args),
                "mariadb", TestWarehouse.mariadb("leadledger_sf", clock, args));
    }

    @AfterAll
    void stop() {
        warehouses.values().forEach(TestWarehouse::close);
        sf.close();
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
        String api = "clientIdEnv: SF_TEST_CLIENT_ID, clientSecretEnv: SF_TEST_CLIENT_SECRET, baseUrl: " + sf.url();
        Files.writeString(dir.resolve("nightly-sync.yml"), """
                sources:
                  - name: sf-leads
                    profile: salesforce-api-leads
                    api: { vendor: salesforce, object: leads, %1$s }
                  - name: sf-contacts
                    profile: salesforce-api-contacts
                    api: { vendor: salesforce, object: contacts, %1$s }
                  - name: sf-opportunities
                    profile: salesforce-api-opportunities
                    defaultCurrency: USD
                    api: { vendor: salesforce, object: opportunities, %1$s }
                  - name: sf-campaigns
                    profile: salesforce-api-campaign-members
                    people: sf-leads
                    api: { vendor: salesforce, object: campaignMembers, %1$s }
                """.formatted(api));
        Files.writeString(dir.resolve("monthly-reports.yml"), "formats: [xlsx]\nout: " + dir.resolve("out") + "\n");
        return dir;
    }

    private void org(Instant t) {
        sf.records.clear();
        for (int i = 1; i <= 20; i++) {
            sf.add("Lead", id("00Q", i), t.plusSeconds(i * 600L), Map.of("Email", "p" + i + "@example.com",
                    "FirstName", "P" + i, "CreatedDate", t.plusSeconds(i * 600L), "LeadSource", "Web",
                    "Status", "Open", "Owner.Name", "Sam Seller"));
        }
        sf.add(new SalesforceFake.Rec("Lead", id("00Q", 21), t.plusSeconds(60), true,
                Map.of("Email", "gone@example.com", "CreatedDate", t), List.of()));
        // merged: the loser, deleted by the merge, names the survivor; it was the earlier record of that person
        sf.add(new SalesforceFake.Rec("Lead", id("00Q", 22), t.plusSeconds(70), true,
                Map.of("Email", "p1.private@example.org", "CreatedDate", t.minus(Duration.ofDays(40)),
                        "MasterRecordId", id("00Q", 1)), List.of()));
        // converted: the lead's own address was an old one; the contact it became has the current one
        Map<String, Object> converted = new HashMap<>(Map.of("Email", "jane.old@acme.com",
                "ConvertedContact.Email", "jane@acme.com", "CreatedDate", t.minus(Duration.ofDays(20)),
                "LeadSource", "Webinar", "Status", "Qualified"));
        sf.add("Lead", id("00Q", 30), t.plusSeconds(30), converted);
        sf.add("Contact", id("003", 30), t.plusSeconds(40), Map.of("Email", "jane@acme.com",
                "CreatedDate", t.minus(Duration.ofDays(5)), "Account.Name", "Acme"));
        for (int i = 1; i <= 8; i++) {
            sf.add("Contact", id("003", i), t.plusSeconds(100 + i), Map.of("Email", "c" + i + "@example.com",
                    "CreatedDate", t));
        }
        sf.add(new SalesforceFake.Rec("Opportunity", id("006", 30), t.plusSeconds(50), false,
                Map.of("Name", "Acme - 100 seats", "Account.Name", "Acme", "StageName", "Closed Won", "Amount", 24000,
                        "CloseDate", "2026-10-20", "CreatedDate", t.minus(Duration.ofDays(5)), "IsWon", true,
                        "IsClosed", true),
                List.of(new SalesforceFake.Role(id("003", 1), false), new SalesforceFake.Role(id("003", 30), true))));
        // campaign touches: a lead's webinar before it was a lead (by its Lead id), a contact's click (by e-mail only)
        sf.add("CampaignMember", id("00v", 1), t.plusSeconds(80), Map.of("HasResponded", true, "LeadId", id("00Q", 2),
                "Campaign.Name", "Webinar: Pipeline 101", "Campaign.Type", "Webinar", "Status", "Attended",
                "FirstRespondedDate", "2026-09-20", "CreatedDate", t.minus(Duration.ofDays(15))));
        sf.add("CampaignMember", id("00v", 2), t.plusSeconds(90), Map.of("HasResponded", true, "Email", "c3@example.com",
                "Campaign.Name", "Nurture", "Campaign.Type", "Email", "Status", "Clicked",
                "FirstRespondedDate", "2026-10-02", "CreatedDate", t));
        sf.add(new SalesforceFake.Rec("Opportunity", id("006", 31), t.plusSeconds(55), false,
                Map.of("Name", "No contact", "StageName", "Prospecting", "Amount", 500, "CloseDate", "2026-12-01",
                        "IsWon", false, "IsClosed", false), List.of()));
    }

    @Test
    void aNightReadsTheOrgAndTheConvertedLeadIsLinkedToItsOpportunity() throws Exception {
        Instant t = Instant.parse("2026-10-01T10:00:00Z");
        for (var e : warehouses.entrySet()) {
            TestWarehouse w = e.getValue();
            String tenant = "sf-" + e.getKey();
            org(t);
            Workspace ws = Workspace.load(jobs(tenant));
            clock.set(NIGHT1);
            JobExecution first = w.bean(PipelineRunner.class).runSync(ws);
            assertEquals(BatchStatus.COMPLETED, first.getStatus(), first.getExitStatus()::getExitDescription);
            assertEquals(23, count(w, "stg_lead", tenant, "sf-leads"));
            assertEquals(9, count(w, "stg_lead", tenant, "sf-contacts"));
            assertEquals(2, count(w, "stg_deal", tenant, "sf-opportunities"));
            assertEquals(1L, w.jdbc().queryForObject("SELECT COUNT(*) FROM stg_lead WHERE tenant = ? AND is_deleted = 1",
                    Long.class, tenant), "the deleted lead arrives deleted");
            assertEquals(id("003", 30), w.jdbc().queryForObject("SELECT lead_ref FROM stg_deal WHERE tenant = ? "
                    + "AND record_id = ?", String.class, tenant, id("006", 30)), "the primary contact role first");

            // the merged-away lead is a member of its survivor's lead, and the survivor's lead keeps its creation
            Map<String, Object> merged = w.jdbc().queryForMap("SELECT lead_key, member_via FROM int_lead_member "
                    + "WHERE tenant = ? AND record_id = ?", tenant, id("00Q", 22));
            assertEquals(Map.of("lead_key", "p1@example.com", "member_via", "merge"), Map.of("lead_key",
                    merged.get("lead_key"), "member_via", merged.get("member_via")));
            assertEquals(id("00Q", 1), w.jdbc().queryForObject("SELECT merged_into FROM stg_lead WHERE tenant = ? "
                    + "AND record_id = ?", String.class, tenant, id("00Q", 22)));

            // the converted lead and its contact are one person; the opportunity is linked to it by the contact id
            assertThat(w.jdbc().queryForList("SELECT lead_key FROM int_lead_member WHERE tenant = ? AND record_id IN (?, ?)",
                    String.class, tenant, id("00Q", 30), id("003", 30))).containsExactly("jane@acme.com", "jane@acme.com");
            Map<String, Object> link = w.jdbc().queryForMap("SELECT lead_key, match_method FROM core_lead_deal_link "
                    + "WHERE tenant = ? AND record_id = ?", tenant, id("006", 30));
            assertEquals("jane@acme.com", link.get("lead_key"));
            assertEquals("explicit_id", link.get("match_method"));
            assertEquals("Webinar", w.jdbc().queryForObject("SELECT source_raw FROM stg_lead WHERE tenant = ? "
                    + "AND record_id = ?", String.class, tenant, id("00Q", 30)));
            assertEquals(NIGHT1, watermark(w, tenant, "sf-opportunities"));
            // campaign members are touches of their leads: by the Lead id in sf-leads, or by e-mail
            Map<String, String> touch = new java.util.TreeMap<>();
            w.jdbc().query("SELECT record_id, lead_key, matched_via FROM int_touch WHERE tenant = ?",
                    rs -> { touch.put(rs.getString(1), rs.getString(2) + " " + rs.getString(3)); }, tenant);
            assertEquals(Map.of(id("00v", 1), "p2@example.com record", id("00v", 2), "c3@example.com email"), touch);

            // the next night reads what changed since the watermark (minus the overlap) only
            clock.set(NIGHT1.plus(Duration.ofDays(1)));
            sf.add("Lead", id("00Q", 5), NIGHT1.plus(Duration.ofHours(3)), Map.of("Email", "five.new@example.com",
                    "CreatedDate", t.plusSeconds(3000)));
            sf.add("Lead", id("00Q", 40), NIGHT1.plus(Duration.ofHours(4)), Map.of("Email", "new@example.com",
                    "CreatedDate", NIGHT1.plus(Duration.ofHours(4))));
            int before = sf.soql.size();
            JobExecution second = w.bean(PipelineRunner.class).runSync(ws);
            assertEquals(BatchStatus.COMPLETED, second.getStatus(), second.getExitStatus()::getExitDescription);
            Map<String, Object> audit = w.jdbc().queryForMap("SELECT rows_read, rows_loaded FROM run_audit "
                    + "WHERE run_id = ? AND source_name = 'sf-leads'", second.getId());
            assertEquals(2L, ((Number) audit.get("rows_read")).longValue());
            assertEquals(24, count(w, "stg_lead", tenant, "sf-leads"));
            assertEquals("five.new@example.com", w.jdbc().queryForObject(
                    "SELECT email_norm FROM stg_lead WHERE tenant = ? AND record_id = ?", String.class, tenant, id("00Q", 5)));
            assertThat(sf.soql.subList(before, sf.soql.size())).filteredOn(q -> q.contains("FROM Lead") && !q.contains("COUNT()"))
                    .allMatch(q -> q.contains("SystemModstamp >= 2026-11-02T07:20:00Z"));
            assertEquals(NIGHT1.plus(Duration.ofDays(1)), watermark(w, tenant, "sf-leads"));
            assertThat(w.jdbc().queryForList("SELECT message FROM run_audit WHERE tenant = ? AND message IS NOT NULL",
                    String.class, tenant)).noneMatch(m -> m.contains(SalesforceFake.CLIENT_SECRET)
                    || m.contains(sf.token()));
        }
    }

    /**
     * A night that stops mid-source (REQUEST_LIMIT_EXCEEDED on the fourth batch) is restarted after a record of the
     * page it stopped in changed (and so left the night's window): the restart queries again after the last
     * record before that page, skips the rows committed by id, not by count, and stages every record once.
     */
    @Test
    void aRestartAfterAFailureMidSourceStagesEveryRecordOnce() throws Exception {
        Instant t = Instant.parse("2026-10-01T10:00:00Z");
        for (var e : warehouses.entrySet()) {
            TestWarehouse w = e.getValue();
            String tenant = "sf-restart-" + e.getKey();
            sf.records.clear();
            for (int i = 1; i <= 30; i++) {
                sf.add("Lead", id("00Q", i), t.plusSeconds(i * 60L), Map.of("Email", "r" + i + "@example.com",
                        "CreatedDate", t.plusSeconds(i * 60L)));
            }
            Path dir = tmp.resolve(tenant);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("leadledger.yml"), "tenant:\n  id: " + tenant + "\n  reportingCurrency: USD\n"
                    + "  timezone: UTC\n");
            Files.writeString(dir.resolve("nightly-sync.yml"), """
                    sources:
                      - name: sf-leads
                        profile: salesforce-api-leads
                        api: { vendor: salesforce, object: leads, clientIdEnv: SF_TEST_CLIENT_ID,
                               clientSecretEnv: SF_TEST_CLIENT_SECRET, baseUrl: %s }
                    """.formatted(sf.url()));
            Files.writeString(dir.resolve("monthly-reports.yml"), "formats: [xlsx]\nout: " + dir.resolve("out") + "\n");
            Workspace ws = Workspace.load(dir);
            clock.set(NIGHT1);
            for (int i = 0; i < 3; i++) {
                sf.failNext("none");
            }
            sf.failNext("limit");
            JobExecution failed = w.bean(PipelineRunner.class).runSync(ws);
            assertEquals(BatchStatus.FAILED, failed.getStatus());
            long staged = count(w, "stg_lead", tenant, "sf-leads");
            assertThat(staged).isEqualTo(20); // two chunks of 10 committed, the third rolled back

            // lead 16 (committed, in the page the run stopped in) changes: it leaves this night's window
            sf.add("Lead", id("00Q", 16), NIGHT1.plus(Duration.ofMinutes(5)), Map.of("Email", "r16.new@example.com",
                    "CreatedDate", t));
            JobExecution restarted = w.bean(PipelineRunner.class).restart(ws, failed.getId());
            assertEquals(BatchStatus.COMPLETED, restarted.getStatus(), restarted.getExitStatus()::getExitDescription);
            assertEquals(30, count(w, "stg_lead", tenant, "sf-leads"));
            assertEquals(1L, w.jdbc().queryForObject("SELECT COUNT(*) FROM stg_lead WHERE tenant = ? AND record_id = ?",
                    Long.class, tenant, id("00Q", 21)), "the record after the changed one is not skipped");
            // the last data query (the count audit's SELECT COUNT() follows it)
            assertThat(sf.soql.stream().filter(q -> !q.contains("COUNT()")).reduce((a, b) -> b).orElseThrow())
                    .contains("Id > '" + id("00Q", 14) + "'");
        }
    }

    private static long count(TestWarehouse w, String table, String tenant, String source) {
        return w.jdbc().queryForObject("SELECT COUNT(*) FROM " + table + " WHERE tenant = ? AND source_name = ?",
                Long.class, tenant, source);
    }

    private static Instant watermark(TestWarehouse w, String tenant, String source) {
        return w.jdbc().queryForObject("SELECT read_until FROM source_watermark WHERE tenant = ? AND source_name = ?",
                java.sql.Timestamp.class, tenant, source).toLocalDateTime().toInstant(java.time.ZoneOffset.UTC);
    }
}
