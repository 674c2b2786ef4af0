package io.leadledger.reconcile;

import io.leadledger.jobs.IdentitySettings;
import io.leadledger.jobs.Workspace;
import io.leadledger.ops.PipelineRunner;
import io.leadledger.support.TestWarehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every match rule on a small hand-made tenant, through the nightly sync on H2 and on MariaDB.
 * Identity rules: plus tags stripped, Gmail dots ignored, acme.co.uk = acme.com, corpmail.io is free mail.
 * <pre>
 * leads   hubspot H1 ann@alpha.com (Jan 10)          marketo M1 Ann+Webinar@Alpha.com (Jan 5)      -> ann@alpha.com
 *         hubspot H2 j.ane.doe@gmail.com (Jan 3)     marketo M2 janedoe@googlemail.com (Jan 4)     -> janedoe@gmail.com
 *         hubspot H3 bob@beta.com (Feb 1), merged ids "H4; H9" (H9 never loaded)
 *         hubspot H4 robert@beta-old.com (Jan 15)    marketo M4 robert@beta-old.com (Jan 20)       -> bob@beta.com
 *         hubspot H5 carl@, H6 cleo@ (Jan 1, Mar 1), marketo M6 cy@gamma.com (May 1)
 *         hubspot H7 dan@delta.com; H8 eve@acme.co.uk (-> eve@acme.com); H10 no e-mail (-> hubspot:H10)
 *         hubspot H11 fay@gmail.com, Customer, no deal; H12 gus@epsilon.com, Opportunity, has a deal
 *         hubspot H13 kim@corpmail.io; H14 hal@theta.com, Opportunity, no deal; H15 deleted
 * </pre>
 * The deals are listed in {@link #deals()} with what each one tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconciliationRulesTest {

    static final String TENANT = "recon";

    Path tmp;
    Workspace ws;
    final Map<String, TestWarehouse> warehouses = new LinkedHashMap<>();

    static String deals() {
        return """
                Deal,Name,Account,Website,Contact,Lead ID,Value,Status,Created,Closed,Deleted
                D1,explicit id,,,,H1,100,Open,2026-03-01,2026-06-30,
                D2,plus tag,,,ANN+promo@alpha.com,,100,Open,2026-03-01,2026-06-30,
                D3,gmail dots and googlemail,,,jane.doe@googlemail.com,,100,Open,2026-03-01,2026-06-30,
                D4,merged id never loaded,,,,H9,100,Open,2026-03-01,2026-06-30,
                D5,merged id still staged,,,,H4,100,Open,2026-03-01,2026-06-30,
                D6,merged-away address,,,robert@beta-old.com,,100,Open,2026-03-01,2026-06-30,
                D7,domain from website: latest lead on or before,Gamma GmbH,https://www.Gamma.com/about,,,100,Open,2026-04-10,2026-06-30,
                D8,domain learned: no lead before so the earliest,Gamma GmbH,,buyer@gamma.com,,100,Open,2025-12-01,2026-06-30,
                D9,ambiguous domain,Delta Inc,,x@delta.com,,100,Open,2026-03-01,2026-06-30,
                D10,ambiguous domain,Delta Holdings,,y@delta.com,,100,Open,2026-03-01,2026-06-30,
                D11,free mail refused,Freelancer,,zed@gmail.com,,100,Open,2026-03-01,2026-06-30,
                D12,free mail from leadledger.yml refused,Corp Client,,someone@corpmail.io,,100,Open,2026-03-01,2026-06-30,
                D13,override wins over e-mail,,,ann@alpha.com,,100,Open,2026-03-01,2026-06-30,
                D14,override: no lead,,,,H1,100,Open,2026-03-01,2026-06-30,
                D15,override by e-mail of a record,,,,,100,Open,2026-03-01,2026-06-30,
                D16,deleted deal ignored,,,,H1,100,Won,2026-03-01,2026-04-30,true
                D17,domain alias on the website,Acme UK,acme.co.uk,,,100,Open,2026-03-01,2026-06-30,
                D18,nothing to match on,,,,,100,Open,2026-03-01,2026-06-30,
                D19,unknown lead id,,,,ZZZ,100,Open,2026-03-01,2026-06-30,
                D20,unknown e-mail no lead at domain,Zeta,,nobody@zeta.com,,100,Open,2026-03-01,2026-06-30,
                D21,explicit id,Epsilon,,,H12,100,Open,2026-03-01,2026-06-30,
                D22,override lead not found,,,,H1,100,Open,2026-03-01,2026-06-30,
                """;
    }

    @BeforeAll
    void syncOnBothDatabases() throws Exception {
        tmp = Files.createTempDirectory("leadledger-recon-test");
        Path jobs = tmp.resolve("jobs");
        Files.createDirectories(jobs);
        Files.writeString(tmp.resolve("hubspot.csv"), """
                Record ID,Email,Create Date,Source,Lifecycle Stage,Merged Contact IDs,Deleted
                H1,ann@alpha.com,2026-01-10T09:00:00,web,Lead,,
                H2,j.ane.doe@gmail.com,2026-01-03T09:00:00,web,Lead,,
                H3,bob@beta.com,2026-02-01T09:00:00,web,Lead,H4; H9,
                H4,robert@beta-old.com,2026-01-15T09:00:00,web,Lead,,
                H5,carl@gamma.com,2026-01-01T09:00:00,web,Lead,,
                H6,cleo@gamma.com,2026-03-01T09:00:00,web,Lead,,
                H7,dan@delta.com,2026-02-01T09:00:00,web,Lead,,
                H8,eve@acme.co.uk,2026-01-20T09:00:00,web,Lead,,
                H10,,2026-01-21T09:00:00,web,Lead,,
                H11,fay@gmail.com,2026-01-22T09:00:00,web,Customer,,
                H12,gus@epsilon.com,2026-01-23T09:00:00,web,Opportunity,,
                H13,kim@corpmail.io,2026-01-24T09:00:00,web,Lead,,
                H14,hal@theta.com,2026-01-25T09:00:00,web,Opportunity,,
                H15,deleted@zeta.com,2026-01-26T09:00:00,web,Lead,,yes
                """);
        Files.writeString(tmp.resolve("marketo.csv"), """
                Id,Email,Created,Source
                M1,Ann+Webinar@Alpha.com,2026-01-05T09:00:00,webinar
                M2,janedoe@googlemail.com,2026-01-04T09:00:00,webinar
                M4,robert@beta-old.com,2026-01-20T09:00:00,webinar
                M6,cy@gamma.com,2026-05-01T09:00:00,webinar
                """);
        Files.writeString(tmp.resolve("deals.csv"), deals());
        Files.writeString(jobs.resolve("link-overrides.csv"), """
                # analyst's fixes
                deal_source,deal_id,lead,note
                crm,D13,hubspot:H10,the e-mail on the deal is a colleague's
                crm,D14,-,partner deal
                crm,D15,Eve@ACME.co.uk,
                crm,D22,ghost@nowhere.example,typo
                """);
        Files.writeString(jobs.resolve("leadledger.yml"), """
                tenant:
                  id: recon
                  reportingCurrency: USD
                  timezone: UTC
                identity:
                  ignoreDotsInGmail: true
                  domainAliases: { acme.co.uk: acme.com }
                  freeMailDomains: [corpmail.io]
                """);
        Files.writeString(jobs.resolve("nightly-sync.yml"), """
                sources:
                  - name: hubspot
                    kind: leads
                    files: %s
                    columns: { id: Record ID, email: Email, createdAt: Create Date, source: Source,
                               lifecycleStage: Lifecycle Stage, mergedIds: Merged Contact IDs, deleted: Deleted }
                  - name: marketo
                    kind: leads
                    files: %s
                    columns: { id: Id, email: Email, createdAt: Created, source: Source }
                  - name: crm
                    kind: deals
                    files: %s
                    defaultCurrency: USD
                    wonStages: [Won]
                    lostStages: [Lost]
                    columns: { id: Deal, name: Name, account: Account, accountDomain: Website, email: Contact,
                               leadRef: Lead ID, amount: Value, stage: Status, createdAt: Created, closeDate: Closed,
                               deleted: Deleted }
                """.formatted(tmp.resolve("hubspot.csv"), tmp.resolve("marketo.csv"), tmp.resolve("deals.csv")));
        ws = Workspace.load(jobs);
        warehouses.put("h2", TestWarehouse.h2(tmp.resolve("h2")));
        warehouses.put("mariadb", TestWarehouse.mariadb("leadledger_recon_test"));
        for (TestWarehouse w : warehouses.values()) {
            JobExecution e = w.bean(PipelineRunner.class).runSync(ws);
            assertEquals(BatchStatus.COMPLETED, e.getStatus(), () -> w.name() + ": " + e.getAllFailureExceptions());
        }
    }

    @AfterAll
    void close() {
        warehouses.values().forEach(TestWarehouse::close);
    }

    /** "deal -> lead method confidence", by deal id. */
    static List<String> links(TestWarehouse w) {
        return w.jdbc().query("""
                SELECT record_id, lead_key, match_method, confidence FROM core_lead_deal_link
                WHERE tenant = ? ORDER BY LENGTH(record_id), record_id""",
                (rs, i) -> rs.getString(1) + " -> " + rs.getString(2) + " " + rs.getString(3) + " "
                        + rs.getBigDecimal(4).setScale(3, RoundingMode.UNNECESSARY).toPlainString(), TENANT);
    }

    static List<String> unmatchedDeals(TestWarehouse w) {
        return w.jdbc().query("""
                SELECT record_id, reason, domain FROM core_unmatched_deal WHERE tenant = ? ORDER BY LENGTH(record_id), record_id""",
                (rs, i) -> rs.getString(1) + " " + rs.getString(2) + (rs.getString(3) == null ? "" : " " + rs.getString(3)),
                TENANT);
    }

    static List<String> members(TestWarehouse w) {
        return w.jdbc().query("""
                SELECT lead_key, source_name, record_id, member_via, lead_domain FROM int_lead_member
                WHERE tenant = ? ORDER BY lead_key, source_name, record_id""",
                (rs, i) -> rs.getString(1) + " <- " + rs.getString(2) + ":" + rs.getString(3) + " " + rs.getString(4)
                        + " " + rs.getString(5), TENANT);
    }

    @Test
    void everyRuleLinksTheDealsWorkedOutByHand() {
        for (TestWarehouse w : warehouses.values()) {
            assertThat(links(w)).as(w.name()).containsExactly(
                    "D1 -> ann@alpha.com explicit_id 1.000",
                    "D2 -> ann@alpha.com email 0.950",          // ann+promo@ is ann@
                    "D3 -> janedoe@gmail.com email 0.950",      // jane.doe@googlemail.com is janedoe@gmail.com
                    "D4 -> bob@beta.com explicit_id 1.000",     // H9 was merged into H3 before it was ever exported
                    "D5 -> bob@beta.com explicit_id 1.000",     // H4 is staged, and a member of H3's lead
                    "D6 -> bob@beta.com email 0.950",           // the merged-away record's address
                    "D7 -> cleo@gamma.com domain 0.600",        // created Apr 10: cleo (Mar 1) is the latest before; cy is after
                    "D8 -> carl@gamma.com domain 0.600",        // created before every gamma lead: the earliest, carl
                    "D13 -> hubspot:H10 override 1.000",        // the override wins over the e-mail match to ann
                    "D15 -> eve@acme.com override 1.000",       // named by the record's address as loaded
                    "D17 -> eve@acme.com domain 0.600",         // acme.co.uk is an alias of acme.com
                    "D21 -> gus@epsilon.com explicit_id 1.000");
        }
    }

    @Test
    void unmatchedDealsSayWhy() {
        for (TestWarehouse w : warehouses.values()) {
            assertThat(unmatchedDeals(w)).as(w.name()).containsExactly(
                    "D9 ambiguous_domain delta.com",
                    "D10 ambiguous_domain delta.com",
                    "D11 free_mail_domain gmail.com",
                    "D12 free_mail_domain corpmail.io",         // free mail by jobs/leadledger.yml
                    "D14 override_no_lead",
                    "D18 no_reference",
                    "D19 lead_ref_not_found",
                    "D20 email_not_found zeta.com",
                    "D22 override_lead_not_found");
            assertThat(w.jdbc().queryForList("SELECT CONCAT(domain, ' ', accounts) FROM core_ambiguous_domain WHERE tenant = ?",
                    String.class, TENANT)).as(w.name()).containsExactly("delta.com 2");
            // the deleted deal is neither linked nor unmatched: it is not a deal at all
            assertEquals(0L, w.jdbc().queryForObject("SELECT COUNT(*) FROM core_deal WHERE tenant = ? AND record_id = 'D16'",
                    Long.class, TENANT), w.name());
            assertEquals(21L, w.count("core_deal", TENANT), w.name());
            assertEquals(12L + 9L, w.count("core_lead_deal_link", TENANT) + w.count("core_unmatched_deal", TENANT), w.name());
        }
    }

    @Test
    void unmatchedLeadsAreThoseTheMarketingToolSawAsOpportunityOrCustomer() {
        for (TestWarehouse w : warehouses.values()) {
            assertThat(w.jdbc().query("SELECT lead_key, reason, lifecycle_stage FROM core_unmatched_lead WHERE tenant = ? ORDER BY lead_key",
                    (rs, i) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3), TENANT))
                    .as(w.name()).containsExactly(
                            "fay@gmail.com customer_without_deal Customer",
                            "hal@theta.com opportunity_without_deal Opportunity"); // gus has D21
        }
    }

    @Test
    void identityRulesAndMergesMakeTheMembers() {
        for (TestWarehouse w : warehouses.values()) {
            assertThat(members(w)).as(w.name()).containsExactly(
                    "ann@alpha.com <- hubspot:H1 email alpha.com",
                    "ann@alpha.com <- marketo:M1 email alpha.com",
                    "bob@beta.com <- hubspot:H3 email beta.com",
                    "bob@beta.com <- hubspot:H4 merge beta.com",
                    "bob@beta.com <- marketo:M4 merge beta.com",
                    "carl@gamma.com <- hubspot:H5 email gamma.com",
                    "cleo@gamma.com <- hubspot:H6 email gamma.com",
                    "cy@gamma.com <- marketo:M6 email gamma.com",
                    "dan@delta.com <- hubspot:H7 email delta.com",
                    "eve@acme.com <- hubspot:H8 email acme.com",
                    "fay@gmail.com <- hubspot:H11 email gmail.com",
                    "gus@epsilon.com <- hubspot:H12 email epsilon.com",
                    "hal@theta.com <- hubspot:H14 email theta.com",
                    "hubspot:H10 <- hubspot:H10 record null",
                    "janedoe@gmail.com <- hubspot:H2 email gmail.com",
                    "janedoe@gmail.com <- marketo:M2 email gmail.com",
                    "kim@corpmail.io <- hubspot:H13 email corpmail.io");
            // the merged lead starts with its earliest record, the one merged away
            assertEquals("hubspot H4 3 beta.com", w.jdbc().queryForObject("""
                    SELECT CONCAT(primary_source, ' ', primary_record_id, ' ', member_count, ' ', email_domain)
                    FROM core_lead WHERE tenant = ? AND lead_key = 'bob@beta.com'""", String.class, TENANT), w.name());
            assertThat(w.jdbc().queryForList("SELECT CONCAT(merged_id, '>', survivor_id) FROM int_lead_merge WHERE tenant = ?"
                    + " ORDER BY merged_id", String.class, TENANT)).as(w.name()).containsExactly("H4>H3", "H9>H3");
        }
    }

    /** Links, members and unmatched rows as text. */
    static List<String> dump(TestWarehouse w) {
        List<String> rows = new ArrayList<>(links(w));
        rows.addAll(unmatchedDeals(w));
        rows.addAll(members(w));
        rows.addAll(w.jdbc().queryForList("SELECT CONCAT(account_key, ' ', domain, ' ', origin) FROM int_account_domain"
                + " WHERE tenant = ? ORDER BY account_key", String.class, TENANT));
        return rows;
    }

    @Test
    void aChangedIdentityRuleAppliesOnTheNextReconcileWithoutReimporting() {
        for (TestWarehouse w : warehouses.values()) {
            List<String> before = dump(w);
            Reconciler r = w.bean(Reconciler.class);
            r.reconcile(ws.tenant().withIdentity(IdentitySettings.DEFAULTS), LocalDate.of(2026, 7, 1));
            List<String> links = links(w);
            assertThat(links).as(w.name())
                    .doesNotContain("D3 -> janedoe@gmail.com email 0.950")
                    // corpmail.io is no longer free mail: the account's domain finds kim
                    .contains("D12 -> kim@corpmail.io domain 0.600")
                    // no alias: eve is eve@acme.co.uk, and the website acme.co.uk still finds her
                    .contains("D15 -> eve@acme.co.uk override 1.000", "D17 -> eve@acme.co.uk domain 0.600")
                    // plus tags are still stripped by default
                    .contains("D2 -> ann@alpha.com email 0.950");
            assertThat(unmatchedDeals(w)).as(w.name()).contains("D3 free_mail_domain googlemail.com");
            r.reconcile(ws.tenant(), LocalDate.of(2026, 7, 1));
            assertEquals(before, dump(w), w.name() + ": back to the workspace's rules");
        }
    }

    @Test
    void h2AndMariaDbAgreeAndTheNightlySyncIsIdempotent() throws Exception {
        List<String> h2 = dump(warehouses.get("h2"));
        assertThat(h2).hasSizeGreaterThan(40);
        assertEquals(h2, dump(warehouses.get("mariadb")), "H2 vs MariaDB");
        for (TestWarehouse w : warehouses.values()) {
            w.jdbc().update("DELETE FROM source_file WHERE tenant = ?", TENANT);
            assertEquals(BatchStatus.COMPLETED, w.bean(PipelineRunner.class).runSync(ws).getStatus());
            assertEquals(h2, dump(w), w.name() + ": every file read again");
        }
    }

    @Test
    void overridesFromTheFileReplaceTheirEarlierRowsAndKeepManualOnes() throws Exception {
        TestWarehouse w = warehouses.get("h2");
        Path jobs = ws.dir();
        String original = Files.readString(jobs.resolve("link-overrides.csv"));
        try {
            w.jdbc().update("INSERT INTO link_override (tenant, source_name, record_id, lead_key, note) VALUES (?,?,?,?,?)",
                    TENANT, "crm", "D18", "cleo@gamma.com", "typed in SQL");
            Files.writeString(jobs.resolve("link-overrides.csv"), "deal_source,deal_id,lead\ncrm,D20,hal@theta.com\n");
            assertEquals(BatchStatus.COMPLETED, w.bean(PipelineRunner.class).runSync(ws).getStatus());
            assertThat(w.jdbc().queryForList("SELECT CONCAT(record_id, ' ', lead_key, ' ', origin) FROM link_override"
                    + " WHERE tenant = ? ORDER BY record_id", String.class, TENANT))
                    .containsExactly("D18 cleo@gamma.com manual", "D20 hal@theta.com file");
            assertThat(links(w)).contains("D13 -> ann@alpha.com email 0.950", "D18 -> cleo@gamma.com override 1.000",
                    "D20 -> hal@theta.com override 1.000");
        } finally {
            w.jdbc().update("DELETE FROM link_override WHERE tenant = ? AND origin = 'manual'", TENANT);
            Files.writeString(jobs.resolve("link-overrides.csv"), original);
            assertEquals(BatchStatus.COMPLETED, w.bean(PipelineRunner.class).runSync(ws).getStatus());
        }
    }
}
