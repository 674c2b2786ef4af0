package io.leadledger.extract.api;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.leadledger.extract.api.SalesforceFake.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Salesforce connector against {@link SalesforceFake} over real HTTP. */
class SalesforceConnectorTest {

    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant END = T0.plus(Duration.ofDays(10));
    SalesforceFake sf;

    @BeforeEach
    void start() {
        sf = new SalesforceFake();
        sf.batchSize = 4;
    }

    @AfterEach
    void stop() {
        sf.close();
    }

    private SalesforceConnector connector(String object, List<String> fields, String secret, double minRemaining) {
        Map<String, String> env = Map.of("SF_ID", SalesforceFake.CLIENT_ID, "SF_SECRET", secret);
        SalesforceAuth auth = new SalesforceAuth(sf.url(), ApiToken.fromEnvironment("SF_ID", env::get),
                ApiToken.fromEnvironment("SF_SECRET", env::get), Duration.ofSeconds(2));
        ApiHttp http = new ApiHttp("test", auth, Duration.ofSeconds(2), Duration.ofMillis(10), 4);
        return new SalesforceConnector(http, sf.url(), object, fields, minRemaining);
    }

    private SalesforceConnector leads() {
        return connector("leads", List.of("Email", "FirstName", "ConvertedContact.Email", "CreatedDate"),
                SalesforceFake.CLIENT_SECRET, 0.05);
    }

    private void addLeads(int n) {
        for (int i = 1; i <= n; i++) {
            sf.add("Lead", id("00Q", i), T0.plusSeconds(i * 60L), Map.of("Email", "p" + i + "@example.com",
                    "FirstName", "P" + i, "CreatedDate", T0.plusSeconds(i)));
        }
    }

    private static List<ApiRecord> readAll(ApiConnector c) {
        List<ApiRecord> all = new ArrayList<>();
        for (List<ApiRecord> p; (p = c.nextPage()) != null; ) {
            all.addAll(p);
        }
        return all;
    }

    @Test
    void aFullLoadPagesByNextRecordsUrlThroughQueryAll() {
        addLeads(10);
        sf.add(new SalesforceFake.Rec("Lead", id("00Q", 11), T0.plusSeconds(30), true,
                Map.of("Email", "gone@example.com"), List.of()));
        SalesforceConnector c = leads();
        c.start(null, END, null);
        List<ApiRecord> all = readAll(c);
        assertEquals(11, all.size());
        assertThat(sf.calls).containsExactly("POST /services/oauth2/token",
                "GET /services/data/v62.0/queryAll", "GET /services/data/v62.0/queryAll/01gFAKE1-4",
                "GET /services/data/v62.0/queryAll/01gFAKE1-8");
        assertThat(sf.soql.get(0)).isEqualTo("SELECT Id, IsDeleted, SystemModstamp, Email, FirstName, "
                + "ConvertedContact.Email, CreatedDate FROM Lead WHERE SystemModstamp < 2026-11-11T00:00:00Z "
                + "ORDER BY SystemModstamp, Id");
        ApiRecord gone = all.get(0);
        assertEquals(Map.of("id", id("00Q", 11), "archived", "true"), Map.of("id", gone.id(), "archived",
                gone.fields().get("archived")), "the deleted lead arrives archived, in SystemModstamp order");
        ApiRecord first = all.get(1);
        assertEquals("p1@example.com", first.fields().get("Email"));
        assertEquals("2026-11-01T00:00:01Z", first.fields().get("CreatedDate"), "date-times handed on as ISO instants");
        assertEquals(T0.plusSeconds(60), first.modified());
        assertEquals("2026-11-01T00:01:00Z", first.fields().get("modified"));
        assertEquals(3, c.calls());
        assertEquals(new long[]{3, 100_000}[0], c.usage()[0], "Sforce-Limit-Info read");
    }

    @Test
    void anIncrementalWindowAsksForSystemModstampBetweenItsEnds() {
        addLeads(10);
        SalesforceConnector c = leads();
        c.start(T0.plusSeconds(180), T0.plusSeconds(420).plusMillis(500), null);
        List<ApiRecord> all = readAll(c);
        // SOQL literals are to the second: the end is cut to 00:07:00, so lead 7 (at 00:07:00) is the next night's
        assertThat(all).extracting(ApiRecord::id).containsExactly(id("00Q", 3), id("00Q", 4), id("00Q", 5),
                id("00Q", 6));
        assertThat(sf.soql.get(0)).contains("WHERE SystemModstamp < 2026-11-01T00:07:00Z AND SystemModstamp >= "
                + "2026-11-01T00:03:00Z ORDER BY SystemModstamp, Id");
    }

    @Test
    void aRestartFromASavedStateReQueriesAfterTheLastKeyWithNoGapAndNoDuplicate() {
        addLeads(6);
        // three records on one instant straddle a page boundary: the key (SystemModstamp, Id) keeps them apart
        for (int i = 7; i <= 12; i++) {
            sf.add("Lead", id("00Q", i), T0.plusSeconds(3600), Map.of("Email", "same" + i + "@example.com"));
        }
        SalesforceConnector c = leads();
        c.start(null, END, null);
        List<ApiRecord> p1 = c.nextPage();
        List<ApiRecord> p2 = c.nextPage();
        String saved = c.pageState(); // the page the run was in when it died: p2
        assertThat(saved).isEqualTo(T0.plusSeconds(240) + "|" + id("00Q", 4));
        List<ApiRecord> rest = new ArrayList<>(p2);
        for (List<ApiRecord> p; (p = c.nextPage()) != null; ) {
            rest.addAll(p);
        }

        SalesforceConnector again = leads();
        again.start(null, END, saved);
        List<ApiRecord> resumed = readAll(again);
        assertThat(resumed).extracting(ApiRecord::id).isEqualTo(rest.stream().map(ApiRecord::id).toList());
        List<String> ids = new ArrayList<>(p1.stream().map(ApiRecord::id).toList());
        resumed.forEach(r -> ids.add(r.id()));
        assertThat(ids).doesNotHaveDuplicates().hasSize(12);
        assertThat(sf.soql.get(sf.soql.size() - 1)).contains("AND (SystemModstamp > 2026-11-01T00:04:00Z OR "
                + "(SystemModstamp = 2026-11-01T00:04:00Z AND Id > '" + id("00Q", 4) + "'))");

        // a state saved inside the instant: ids after it, at that instant, then the later ones
        SalesforceConnector inInstant = leads();
        inInstant.start(null, END, T0.plusSeconds(3600) + "|" + id("00Q", 9));
        assertThat(readAll(inInstant)).extracting(ApiRecord::id).containsExactly(id("00Q", 10), id("00Q", 11),
                id("00Q", 12));
    }

    @Test
    void anExpiredTokenIsRenewedMidRun() {
        addLeads(10);
        SalesforceConnector c = leads();
        c.start(null, END, null);
        c.nextPage();
        String before = sf.token();
        sf.failNext("expire");
        assertEquals(6, readAll(c).size());
        assertEquals(2, sf.tokensIssued.get(), "one new token after INVALID_SESSION_ID");
        assertThat(sf.token()).isNotEqualTo(before);
    }

    @Test
    void aServerErrorIsTriedAgain() {
        addLeads(5);
        sf.failNext("500");
        SalesforceConnector c = leads();
        c.start(null, END, null);
        assertEquals(5, readAll(c).size());
        assertEquals(3, c.calls(), "the 503, then two batches");
    }

    @Test
    void requestLimitExceededFailsAtOnceWithTheReason() {
        addLeads(10);
        SalesforceConnector c = leads();
        c.start(null, END, null);
        c.nextPage();
        sf.failNext("limit");
        assertThatThrownBy(c::nextPage).isInstanceOf(ApiException.class)
                .hasMessageContaining("REQUEST_LIMIT_EXCEEDED").hasMessageContaining("not retried");
        assertEquals(2, c.calls(), "not retried");
    }

    @Test
    void theRunStopsBeforeTheOrgsDailyBudgetIsUsedUp() {
        addLeads(20);
        sf.apiLimit = 100;
        sf.apiUsed.set(93);
        SalesforceConnector c = leads();
        c.start(null, END, null);
        c.nextPage();   // 94 used
        c.nextPage();   // 95 used: 5 left, not less than 5 %
        c.nextPage();   // 96 used
        assertThatThrownBy(c::nextPage).isInstanceOf(ApiException.class)
                .hasMessageContaining("used 96 of its 100 API requests").hasMessageContaining("Sforce-Limit-Info");
        assertEquals(3, c.calls());
    }

    @Test
    void wrongClientCredentialsFailClearlyWithoutTheSecret() {
        addLeads(1);
        SalesforceConnector c = connector("leads", List.of("Email"), "wrong-secret-value-123", 0.05);
        c.start(null, END, null);
        assertThatThrownBy(c::nextPage).isInstanceOf(ApiException.class)
                .hasMessageContaining("invalid_client").hasMessageNotContaining("wrong-secret-value-123");
    }

    @Test
    void opportunitiesCarryTheirContactRolesPrimaryFirst() {
        sf.add(new SalesforceFake.Rec("Opportunity", id("006", 1), T0.plusSeconds(5), false,
                Map.of("Name", "Big", "Amount", 1200.5, "Account.Name", "Acme", "StageName", "Closed Won"),
                List.of(new SalesforceFake.Role(id("003", 7), false), new SalesforceFake.Role(id("003", 8), true))));
        sf.add(new SalesforceFake.Rec("Opportunity", id("006", 2), T0.plusSeconds(6), false,
                Map.of("Name", "Small"), List.of()));
        SalesforceConnector c = connector("opportunities", List.of("Name", "Amount", "Account.Name", "Account.Website"),
                SalesforceFake.CLIENT_SECRET, 0.05);
        c.start(null, END, null);
        List<ApiRecord> all = readAll(c);
        assertThat(c.fields()).endsWith("contactIds");
        assertEquals(id("003", 8) + ";" + id("003", 7), all.get(0).fields().get("contactIds"));
        assertEquals("Acme", all.get(0).fields().get("Account.Name"));
        assertEquals(null, all.get(0).fields().get("Account.Website"));
        assertEquals("1200.5", all.get(0).fields().get("Amount"));
        assertEquals(null, all.get(1).fields().get("contactIds"));
        assertEquals(null, all.get(1).fields().get("Account.Name"));
        assertThat(sf.soql.get(0)).contains("(SELECT ContactId, IsPrimary FROM OpportunityContactRoles");
    }

    @Test
    void campaignMembersAreTheRespondedOnesWithTheirCampaign() {
        Map<String, Object> responded = new HashMap<>(Map.of("HasResponded", true, "LeadId", id("00Q", 1),
                "Email", "p1@example.com", "Campaign.Name", "Webinar Oct", "Campaign.Type", "Webinar",
                "Status", "Responded", "FirstRespondedDate", "2026-10-20"));
        sf.add("CampaignMember", id("00v", 1), T0.plusSeconds(1), responded);
        sf.add("CampaignMember", id("00v", 2), T0.plusSeconds(2), Map.of("HasResponded", false, "Status", "Sent"));
        SalesforceConnector c = connector("campaignMembers", List.of("LeadId", "Email", "Campaign.Name",
                "Campaign.Type", "Status", "FirstRespondedDate", "CreatedDate"), SalesforceFake.CLIENT_SECRET, 0.05);
        c.start(null, END, null);
        List<ApiRecord> all = readAll(c);
        assertEquals(1, all.size());
        assertEquals("Webinar Oct", all.get(0).fields().get("Campaign.Name"));
        assertEquals("2026-10-20", all.get(0).fields().get("FirstRespondedDate"));
        assertEquals(id("00Q", 1), all.get(0).fields().get("LeadId"));
        assertEquals(1, c.total().getAsLong());
    }

    @Test
    void theTotalIsTheCountOfRecordsNotDeleted() {
        addLeads(7);
        sf.add(new SalesforceFake.Rec("Lead", id("00Q", 99), T0, true, Map.of(), List.of()));
        SalesforceConnector c = leads();
        assertEquals(7, c.total().getAsLong());
        assertThat(sf.soql).containsExactly("SELECT COUNT() FROM Lead");
    }

    @Test
    void aFieldNameThatIsNoSalesforceNameIsRefused() {
        assertThatThrownBy(() -> connector("leads", List.of("Email Address"), SalesforceFake.CLIENT_SECRET, 0.05))
                .hasMessageContaining("'Email Address' is not a Salesforce field name");
    }
}
