package io.leadledger.extract.api;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The Marketo connector against {@link MarketoFake} over real HTTP. */
class MarketoConnectorTest {

    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final List<String> LEAD_FIELDS = List.of("email", "firstName", "createdAt", "leadSource");
    MarketoFake fake;

    @BeforeEach
    void start() {
        fake = new MarketoFake();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private MarketoConnector connector(String object, String secret, List<String> fields) {
        return connector(object, secret, fields, MarketoConnector.DEFAULT_TOUCH_TYPES, 100);
    }

    private MarketoConnector connector(String object, String secret, List<String> fields, List<Integer> types,
                                       int emptyBlocks) {
        Map<String, String> env = Map.of("MKTO_ID", MarketoFake.CLIENT_ID, "MKTO_SECRET", secret);
        MarketoAuth auth = new MarketoAuth(fake.url(), ApiToken.fromEnvironment("MKTO_ID", env::get),
                ApiToken.fromEnvironment("MKTO_SECRET", env::get),
                plain -> new ApiHttp("identity", plain, Duration.ofSeconds(2), Duration.ofMillis(10), 3));
        ApiHttp http = new ApiHttp("test", auth, Duration.ofSeconds(2), Duration.ofMillis(10), 4);
        RateLimiter limit = RateLimiter.of("t", RateLimiterConfig.custom().limitForPeriod(1000)
                .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ofSeconds(5)).build());
        return new MarketoConnector(http, fake.url(), object, fields, limit, types, 4, Duration.ofMillis(10),
                Duration.ofMillis(50), emptyBlocks);
    }

    private static List<ApiRecord> readAll(ApiConnector c) {
        List<ApiRecord> all = new ArrayList<>();
        for (List<ApiRecord> p; (p = c.nextPage()) != null; ) {
            all.addAll(p);
        }
        return all;
    }

    /** 800 form fills and e-mail clicks, web visits between them, program statuses won and not, one after the window. */
    private void touches() {
        long id = 1;
        for (int i = 0; i < 800; i++) {
            Instant at = T0.plusSeconds(60L * i);
            fake.activity(id++, 10 + i % 50, at, i % 2 == 0 ? 2 : 11, i % 2 == 0 ? "Contact Us Form" : "Nov Newsletter",
                    Map.of("Client IP Address", "10.0.0.1"));
            fake.activity(id++, 10 + i % 50, at.plusSeconds(1), 1, "example.com/pricing", Map.of());
        }
        fake.activity(id++, 7, T0.plusSeconds(30), 104, "2026 Webinar", Map.of("New Status", "Attended", "Success", true));
        fake.activity(id++, 8, T0.plusSeconds(31), 104, "2026 Webinar", Map.of("New Status", "Invited", "Success", false));
        fake.activity(id, 9, T0.plusSeconds(200_000), 2, "Late Form", Map.of());
    }

    @Test
    void touchesArePagedByTokenAndFilteredByActivityType() {
        touches();
        MarketoConnector c = connector("activities", MarketoFake.CLIENT_SECRET, List.of("Client IP Address"));
        c.start(T0.minusSeconds(10), T0.plusSeconds(100_000), null);
        List<ApiRecord> all = readAll(c);
        assertEquals(801, all.size(), "800 fills and clicks and the program success; no visits, no invitation, nothing "
                + "after the window");
        assertThat(all).extracting(r -> r.fields().get("activityType"))
                .containsOnly("Fill Out Form", "Click Email", "Change Status in Progression");
        ApiRecord won = all.stream().filter(r -> r.fields().get("activityTypeId").equals("104")).findFirst().orElseThrow();
        assertEquals("2026 Webinar", won.fields().get("primaryAttributeValue"));
        assertEquals("7", won.fields().get("leadId"));
        ApiRecord first = all.get(0);
        assertEquals(Map.of("id", "1", "archived", "false", "modified", T0.toString(), "leadId", "10",
                "activityDate", T0.toString(), "activityTypeId", "2", "activityType", "Fill Out Form",
                "primaryAttributeValue", "Contact Us Form", "primaryAttributeValueId", "502", "campaignId", "1002"),
                without(first.fields(), "Client IP Address"));
        assertEquals("10.0.0.1", first.fields().get("Client IP Address"), "another mapped name is an attribute");
        List<String> rest = fake.calls.stream().filter(u -> u.startsWith("GET /rest")).toList();
        assertThat(rest.get(0)).startsWith("GET /rest/v1/activities/pagingtoken.json?sinceDatetime=");
        assertThat(rest.subList(1, rest.size())).hasSizeGreaterThanOrEqualTo(3)
                .allMatch(u -> u.startsWith("GET /rest/v1/activities.json?nextPageToken=") && u.endsWith("&activityTypeIds=2,11,104"));
        assertEquals(1, fake.tokensIssued());
    }

    @Test
    void aCustomActivityTypeIsReadByIdAndNamedFromTheInstancesTypes() {
        fake.typeNames.put(100_001, "Attended Webinar");
        fake.activity(1, 42, T0.plusSeconds(5), 100_001, "2026 Nov Webinar", Map.of());
        fake.activity(2, 43, T0.plusSeconds(6), 100_001, "2026 Nov Webinar", Map.of());
        fake.activity(3, 44, T0.plusSeconds(7), 2, "Contact Us Form", Map.of());
        MarketoConnector c = connector("activities", MarketoFake.CLIENT_SECRET, List.of(), List.of(2, 100_001), 100);
        c.start(T0, T0.plusSeconds(3_600), null);
        List<ApiRecord> all = readAll(c);
        assertThat(all).extracting(r -> r.fields().get("activityType"))
                .containsExactly("Attended Webinar", "Attended Webinar", "Fill Out Form");
        assertThat(fake.calls).filteredOn(u -> u.contains("activities/types.json")).hasSize(1);
    }

    @Test
    void aRestartResumesFromThePagingTokenOfTheLastCommittedPage() {
        touches();
        Instant to = T0.plusSeconds(100_000);
        MarketoConnector c = connector("activities", MarketoFake.CLIENT_SECRET, List.of());
        c.start(T0, to, null);
        List<ApiRecord> first = c.nextPage();
        List<ApiRecord> second = c.nextPage();
        String saved = c.pageState();
        assertThat(saved).startsWith("ACTIVITIES|");

        int before = fake.calls.size();
        MarketoConnector again = connector("activities", MarketoFake.CLIENT_SECRET, List.of());
        again.start(T0, to, saved);
        List<ApiRecord> resumed = readAll(again);
        assertEquals(second, resumed.subList(0, second.size()), "the saved page is read again, as it was");
        assertThat(fake.calls.subList(before, fake.calls.size())).noneMatch(u -> u.contains("pagingtoken"));
        assertEquals(801, first.size() + resumed.size());
    }

    @Test
    void anExpiredTokenIsRenewedMidRunAndAnInvalidOneToo() {
        touches();
        MarketoConnector c = connector("activities", MarketoFake.CLIENT_SECRET, List.of());
        c.start(T0, T0.plusSeconds(100_000), null);
        List<ApiRecord> all = new ArrayList<>(c.nextPage());
        fake.faults.add("602");
        all.addAll(c.nextPage());
        fake.faults.add("601");
        all.addAll(readAll(c));
        assertEquals(801, all.size());
        assertEquals(3, fake.tokensIssued(), "the first token, one after 602 (expired), one after 601 (invalid)");
    }

    @Test
    void aRateLimitErrorWaitsAndAsksAgainAndConcurrencyAndTimeOutsAreRetried() {
        touches();
        MarketoConnector c = connector("activities", MarketoFake.CLIENT_SECRET, List.of());
        c.start(T0, T0.plusSeconds(100_000), null);
        fake.faults.add("606");
        fake.faults.add("615");
        fake.faults.add("604");
        long began = System.nanoTime();
        assertEquals(801, readAll(c).size());
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        assertThat(fake.calls).filteredOn(u -> u.startsWith("GET /rest/v1/activities/pagingtoken")).hasSize(4);
    }

    @Test
    void aServerErrorAndACutOffAnswerAreAskedAgain() {
        touches();
        MarketoConnector c = connector("activities", MarketoFake.CLIENT_SECRET, List.of());
        c.start(T0, T0.plusSeconds(100_000), null);
        List<ApiRecord> all = new ArrayList<>(c.nextPage());
        fake.faults.add("503");
        fake.faults.add("truncated");
        all.addAll(readAll(c));
        assertEquals(801, all.size());
        assertEquals(1 + 3 + 2, c.calls(), "the paging token, three pages, and the two calls asked again");
    }

    @Test
    void theDailyQuotaFailsAtOnceNamingTheQuotaAndNoSecret() {
        touches();
        MarketoConnector c = connector("activities", MarketoFake.CLIENT_SECRET, List.of());
        c.start(T0, T0.plusSeconds(100_000), null);
        c.nextPage();
        fake.faults.add("607");
        fake.faults.add("607");
        int before = fake.calls.size();
        assertThatThrownBy(c::nextPage).isInstanceOf(ApiException.class).hasMessageContaining("Marketo error 607")
                .hasMessageContaining("daily API quota").hasMessageNotContaining(MarketoFake.CLIENT_SECRET)
                .satisfies(e -> assertThat(((ApiException) e).retryable()).isFalse());
        assertEquals(before + 1, fake.calls.size(), "no retry");
        assertThat(fake.tokens()).allSatisfy(t -> assertThat(fake.calls).noneMatch(u -> u.contains(t)));
    }

    @Test
    void anUnknownErrorCodeFailsWithItsCodeAndMessage() {
        touches();
        MarketoConnector c = connector("activities", MarketoFake.CLIENT_SECRET, List.of());
        c.start(T0, T0.plusSeconds(100_000), null);
        fake.faults.add("1035");
        assertThatThrownBy(c::nextPage).isInstanceOf(ApiException.class)
                .hasMessageContaining("/rest/v1/activities/pagingtoken.json: Marketo error 1035 (Fault 1035)")
                .hasMessageNotContaining("sinceDatetime");
    }

    @Test
    void wrongClientCredentialsFailWithoutTheSecretInTheMessage() {
        String wrong = "wrongSecretwrongSecretwrongSecret";
        MarketoConnector c = connector("leads", wrong, LEAD_FIELDS);
        c.start(null, T0, null);
        assertThatThrownBy(c::nextPage).isInstanceOf(ApiException.class).hasMessageContaining("marketo identity")
                .hasMessageContaining("HTTP 401").hasMessageNotContaining(wrong)
                .hasMessageNotContaining(MarketoFake.CLIENT_ID).hasMessageNotContaining("client_secret=");
    }

    @Test
    void anAddressTheHttpClientRefusesIsNamedWithoutTheIdentityQuery() {
        Map<String, String> env = Map.of("MKTO_ID", MarketoFake.CLIENT_ID, "MKTO_SECRET", MarketoFake.CLIENT_SECRET);
        assertThatThrownBy(() -> new MarketoAuth("https://123-ABC-456.mktorest.com/a|b", ApiToken.fromEnvironment("MKTO_ID", env::get),
                ApiToken.fromEnvironment("MKTO_SECRET", env::get), plain -> null))
                .hasMessageContaining("is not a valid address").hasMessageNotContaining(MarketoFake.CLIENT_SECRET);
    }

    @Test
    void changedLeadsComeFromTheirActivitiesDeletedAndMergedOnesIncluded() {
        for (long id = 1; id <= 900; id++) {
            fake.lead(id, T0.plusSeconds(id), Map.of("email", "p" + id + "@example.com", "firstName", "P" + id,
                    "createdAt", T0.minusSeconds(86_400).toString(), "leadSource", "Web"));
        }
        long act = 1;
        for (long id = 1; id <= 900; id++) {
            // a new lead, then each a data change: many activities per lead
            fake.activity(act++, id, T0.plusSeconds(id), 12, "P" + id, Map.of());
            fake.activity(act++, id, T0.plusSeconds(id + 1), 13, "Email Address", Map.of("New Value", "x"));
        }
        fake.activity(act++, 1, T0.plusSeconds(5_000), 2, "Contact Us Form", Map.of()); // no lead change
        fake.leads.remove(901L);
        fake.activity(act++, 901, T0.plusSeconds(5_001), 37, "Gone Person", Map.of());
        // 5 survives, 6 and 7 merged into it
        fake.leads.remove(6L);
        fake.leads.remove(7L);
        fake.activity(act, 5, T0.plusSeconds(5_002), 32, "P5", Map.of("Merge ids", "[6, 7]", "Merge Source", "Web"));
        MarketoConnector c = connector("leads", MarketoFake.CLIENT_SECRET, LEAD_FIELDS);
        c.start(T0, T0.plusSeconds(10_000), null);
        Map<String, ApiRecord> byId = new HashMap<>();
        List<ApiRecord> all = readAll(c);
        all.forEach(r -> byId.put(r.id(), r));
        assertEquals(901, all.size(), "898 leads, 901 deleted, 6 and 7 merged away: each once");
        assertEquals(901, byId.size());
        assertThat(all).extracting(r -> Long.parseLong(r.id())).isSorted();
        assertEquals("p10@example.com", byId.get("10").fields().get("email"));
        assertEquals(T0.plusSeconds(10), byId.get("10").modified());
        assertEquals("true", byId.get("901").fields().get("archived"));
        assertEquals(T0.plusSeconds(5_001).toString(), byId.get("901").fields().get("createdAt"));
        assertEquals("6;7", byId.get("5").fields().get("mergedIds"));
        assertEquals("false", byId.get("5").fields().get("archived"));
        assertEquals("true", byId.get("6").fields().get("archived"));
        assertEquals("true", byId.get("7").fields().get("archived"));
        assertThat(fake.calls).filteredOn(u -> u.startsWith("GET /rest/v1/activities.json"))
                .allMatch(u -> u.endsWith("activityTypeIds=12,13,32,37")).hasSizeGreaterThanOrEqualTo(6);
        assertThat(fake.calls).filteredOn(u -> u.startsWith("GET /rest/v1/leads.json"))
                .allMatch(u -> u.contains("filterType=id") && u.contains("fields=email%2CfirstName%2CcreatedAt%2CleadSource%2CupdatedAt"));
    }

    @Test
    void aRestartOfTheChangedLeadsGoesOnFromThePositionSaved() {
        for (long id = 1; id <= 1_000; id++) {
            fake.lead(id, T0.plusSeconds(id), Map.of("email", "p" + id + "@example.com", "createdAt", T0.toString()));
            fake.activity(id, id, T0.plusSeconds(id), 13, "Email Address", Map.of());
        }
        MarketoConnector c = connector("leads", MarketoFake.CLIENT_SECRET, LEAD_FIELDS);
        Instant to = T0.plusSeconds(10_000);
        c.start(T0, to, null);
        List<ApiRecord> first = c.nextPage();
        List<ApiRecord> second = c.nextPage();
        String saved = c.pageState();
        assertEquals("CHANGES|300", saved);
        MarketoConnector again = connector("leads", MarketoFake.CLIENT_SECRET, LEAD_FIELDS);
        again.start(T0, to, saved);
        List<ApiRecord> rest = readAll(again);
        assertEquals(second, rest.subList(0, second.size()), "the saved page again, as it was");
        assertEquals(1_000, first.size() + rest.size());
    }

    @Test
    void aFullLoadWalksTheIdsInBlocksUntilAGapOfEmptyBlocks() {
        for (long id = 1; id <= 2_000; id++) {
            if (id % 7 != 0 && (id < 700 || id > 1_300)) { // deleted ids, and a gap with a whole empty block
                fake.lead(id, T0.plusSeconds(id), Map.of("email", "p" + id + "@example.com", "createdAt", T0.toString()));
            }
        }
        MarketoConnector c = connector("leads", MarketoFake.CLIENT_SECRET, LEAD_FIELDS, List.of(), 3);
        c.start(null, T0.plusSeconds(10_000), null);
        List<ApiRecord> all = readAll(c);
        assertEquals(fake.leads.size(), all.size());
        assertThat(all).extracting(r -> Long.parseLong(r.id())).isSorted();
        assertEquals(7 + 3, c.calls(), "one call per block of 300 ids up to 2,100 (901..1200 is empty: the scan goes "
                + "on), then three empty blocks");
        assertNull(all.get(0).fields().get("mergedIds"));
    }

    private static Map<String, String> without(Map<String, String> m, String key) {
        Map<String, String> c = new HashMap<>(m);
        c.remove(key);
        return c;
    }
}
