package io.leadledger.extract.api;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The HubSpot connector against {@link HubSpotFake} over real HTTP. */
class HubSpotConnectorTest {

    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    HubSpotFake hub;

    @BeforeEach
    void start() {
        hub = new HubSpotFake();
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private HubSpotConnector contacts(String token, int cap) {
        ApiHttp http = new ApiHttp("test", ApiToken.fromEnvironment("T", n -> n.equals("T") ? token : null),
                Duration.ofSeconds(1), Duration.ofMillis(10), 6);
        return new HubSpotConnector(http, hub.url(), "contacts", List.of("email", "firstname"), cap, Duration.ofMillis(1));
    }

    private static List<ApiRecord> readAll(ApiConnector c) {
        List<ApiRecord> all = new ArrayList<>();
        for (List<ApiRecord> p; (p = c.nextPage()) != null; ) {
            all.addAll(p);
        }
        return all;
    }

    @Test
    void aFullLoadPagesTheListThenTheArchive() {
        for (int i = 1; i <= 250; i++) {
            hub.add("contacts", i, T0.plusSeconds(i), Map.of("email", "p" + i + "@example.com", "firstname", "P" + i));
        }
        for (int i = 251; i <= 253; i++) {
            hub.add(new HubSpotFake.Rec("contacts", i, Map.of("email", "gone" + i + "@example.com"), T0.plusSeconds(i), true, List.of()));
        }
        HubSpotConnector c = contacts(HubSpotFake.TOKEN, 10_000);
        c.start(null, T0.plusSeconds(10_000), null);
        List<ApiRecord> all = readAll(c);
        assertEquals(253, all.size());
        assertEquals(253, all.stream().map(ApiRecord::id).distinct().count());
        assertEquals("p7@example.com", all.get(6).fields().get("email"));
        assertThat(all.stream().filter(r -> "true".equals(r.fields().get("archived"))).map(ApiRecord::id))
                .containsExactly("251", "252", "253");
        assertEquals(4, c.calls(), "3 list pages of 100 and one archive page: no call more than the pages");
    }

    @Test
    void changesPastTheSearchCapAndAnInstantHoldingMoreThanTheCapAreEachReadOnce() {
        // the cap shrunk to 1,000 (HubSpot's is 10,000): 2,600 changes over time and 1,500 at one instant, the
        // month-end bulk update that hangs connectors which only window by time
        Instant bulk = T0.plusSeconds(5_000);
        long id = 1;
        for (int i = 0; i < 1_300; i++) {
            hub.add("contacts", id++, T0.plusSeconds(i), Map.of("email", "a" + i + "@example.com"));
        }
        for (int i = 0; i < 1_500; i++) {
            hub.add("contacts", id++, bulk, Map.of("email", "b" + i + "@example.com"));
        }
        for (int i = 0; i < 1_300; i++) {
            hub.add("contacts", id++, bulk.plusSeconds(1 + i / 3), Map.of("email", "c" + i + "@example.com"));
        }
        hub.add("contacts", id++, T0.minusSeconds(1), Map.of("email", "before@example.com"));
        hub.add("contacts", id, T0.plusSeconds(90_000), Map.of("email", "after@example.com"));
        HubSpotConnector c = contacts(HubSpotFake.TOKEN, 1_000);
        c.start(T0, T0.plusSeconds(80_000), null);
        List<ApiRecord> all = readAll(c);
        Set<String> ids = new HashSet<>();
        all.forEach(r -> ids.add(r.id()));
        assertEquals(4_100, all.size(), "every change in the window, once");
        assertEquals(4_100, ids.size());
        assertThat(all).noneMatch(r -> r.fields().get("email").startsWith("before") || r.fields().get("email").startsWith("after"));
        long minimum = (4_100 + 199) / 200 + 1; // search pages, and the archive list
        // each restart at the cap asks again for the last instant's records, and the bulk instant is read again
        // by id: with a cap of 5 pages that costs a good third more calls (31 here); at HubSpot's 50 it is a few %
        assertThat(c.calls()).as("calls against the minimum of %d", minimum).isLessThanOrEqualTo(minimum * 3 / 2);
        assertThat(hub.calls).noneMatch(call -> call.contains("after=10000"));
    }

    @Test
    void rateLimitsServerErrorsTimeoutsAndCutOffAnswersAreRetried() {
        for (int i = 1; i <= 120; i++) {
            hub.add("contacts", i, T0.plusSeconds(i), Map.of("email", "p" + i + "@example.com"));
        }
        hub.failNext("429");
        hub.failNext("500");
        hub.failNext("truncated");
        hub.failNext("slow");
        HubSpotConnector c = contacts(HubSpotFake.TOKEN, 10_000);
        c.start(null, T0.plusSeconds(10_000), null);
        List<ApiRecord> all = readAll(c);
        assertEquals(120, all.size());
        assertEquals(3 + 4, c.calls(), "two list pages and the archive page, and four failed tries");
    }

    @Test
    void aRefusedTokenFailsAtOnceWithoutTheTokenInTheMessage() {
        String wrong = "pat-na1-99999999-wrong-token";
        HubSpotConnector c = contacts(wrong, 10_000);
        c.start(null, T0, null);
        assertThatThrownBy(c::nextPage).isInstanceOf(ApiException.class)
                .hasMessageContaining("HTTP 401").hasMessageNotContaining(wrong);
        assertEquals(1, c.calls(), "a 401 is not retried");
    }

    @Test
    void aMissingTokenNamesTheVariableNotAValue() {
        assertThatThrownBy(() -> ApiToken.fromEnvironment("HUBSPOT_TOKEN", n -> null))
                .hasMessageContaining("HUBSPOT_TOKEN").hasMessageContaining("HUBSPOT_TOKEN_FILE");
        assertThat(ApiToken.fromEnvironment("X", n -> "secret-value").toString()).doesNotContain("secret-value");
    }

    @Test
    void theCountIsTheSearchTotalOfRecordsCreatedBeforeTheWindowsEnd() {
        for (int i = 1; i <= 30; i++) {
            hub.add("contacts", i, T0.plusSeconds(i), Map.of("createdate", T0.plusSeconds(i).toString()));
        }
        hub.add(new HubSpotFake.Rec("contacts", 31, Map.of("createdate", T0.toString()), T0, true, List.of()));
        HubSpotConnector c = contacts(HubSpotFake.TOKEN, 10_000);
        assertEquals(java.util.OptionalLong.of(30), c.total(), "before start: every record not archived");
        c.start(null, T0.plusSeconds(21), null);
        assertEquals(java.util.OptionalLong.of(20), c.total(), "created during the run: counted the night that reads it");
        assertThat(hub.calls).allMatch(call -> call.equals("POST /crm/v3/objects/contacts/search"));
    }

    private HubSpotConnector deals() {
        ApiHttp http = new ApiHttp("test", ApiToken.fromEnvironment("T", n -> HubSpotFake.TOKEN),
                Duration.ofSeconds(1), Duration.ofMillis(10), 6);
        return new HubSpotConnector(http, hub.url(), "deals", List.of("dealname"), 10_000, Duration.ofMillis(1));
    }

    @Test
    void dealsCarryTheirCompanysDomainReadInBatchesOfAHundred() {
        // 250 deals over 150 companies (deal i at company 1000 + i % 150), deal 250 without a company, and company
        // 1007 without a domain
        for (int i = 1; i <= 250; i++) {
            hub.add(new HubSpotFake.Rec("deals", i, Map.of("dealname", "D" + i), T0.plusSeconds(i), false, List.of(5000L + i)));
            if (i < 250) {
                hub.dealCompany.put((long) i, 1000L + i % 150);
            }
        }
        for (int c = 1000; c < 1150; c++) {
            hub.add("companies", c, T0, c == 1007 ? Map.of() : Map.of("domain", "co" + c + ".example"));
        }
        HubSpotConnector full = deals();
        full.start(null, T0.plusSeconds(10_000), null);
        List<ApiRecord> all = readAll(full);
        assertEquals(250, all.size());
        assertThat(full.fields()).contains("contactIds", "companyDomain");
        assertEquals("co1001.example", all.get(0).fields().get("companyDomain"));
        assertEquals("5001", all.get(0).fields().get("contactIds"));
        assertEquals(null, all.get(6).fields().get("companyDomain"), "company 1007 has no domain");
        assertEquals(null, all.get(249).fields().get("companyDomain"), "no company");
        assertThat(all).allMatch(r -> r.fields().keySet().stream().noneMatch(k -> k.contains("companyId")));
        assertThat(hub.companyReads).allMatch(n -> n <= 100);
        assertEquals(3 + 3 + 1, full.calls(), "3 list pages, a companies batch read each, the archive page");

        // the changes since a watermark come from search: a page of 200 deals, its 150 companies in two batch reads
        hub.companyReads.clear();
        HubSpotConnector changes = deals();
        changes.start(T0, T0.plusSeconds(10_000), null);
        List<ApiRecord> changed = readAll(changes);
        assertEquals(250, changed.size());
        assertEquals("co1001.example", changed.get(0).fields().get("companyDomain"));
        assertEquals("5001", changed.get(0).fields().get("contactIds"));
        assertThat(hub.companyReads).containsExactly(100, 50, 49); // the second page: deals 201-249
    }

    @Test
    void aRestartReadsTheSavedPageAgain() {
        for (int i = 1; i <= 250; i++) {
            hub.add("contacts", i, T0.plusSeconds(i), Map.of("email", "p" + i + "@example.com"));
        }
        HubSpotConnector c = contacts(HubSpotFake.TOKEN, 10_000);
        c.start(null, T0.plusSeconds(10_000), null);
        c.nextPage();
        List<ApiRecord> second = c.nextPage();
        String saved = c.pageState();
        HubSpotConnector again = contacts(HubSpotFake.TOKEN, 10_000);
        again.start(null, T0.plusSeconds(10_000), saved);
        assertEquals(second, again.nextPage());
        assertEquals(50, again.nextPage().size());
    }
}
