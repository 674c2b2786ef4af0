package io.leadledger.extract.api;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Pipedrive connector against {@link PipedriveFake} over real HTTP. */
class PipedriveConnectorTest {

    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    PipedriveFake fake;

    @BeforeEach
    void start() {
        fake = new PipedriveFake();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private PipedriveConnector connector(String object, String token, List<String> fields) {
        ApiHttp http = new ApiHttp("test", ApiToken.fromEnvironment("T", n -> token), "x-api-token", "",
                Duration.ofSeconds(2), Duration.ofMillis(10), 5);
        return new PipedriveConnector(http, fake.url(), object, fields);
    }

    private static List<ApiRecord> readAll(ApiConnector c) {
        List<ApiRecord> all = new ArrayList<>();
        for (List<ApiRecord> p; (p = c.nextPage()) != null; ) {
            all.addAll(p);
        }
        return all;
    }

    @Test
    void personsArePagedByCursorWithTheirPrimaryAddress() {
        for (int i = 1; i <= 1_100; i++) {
            fake.add(new PipedriveFake.Rec("persons", i, T0.plusSeconds(i), false, Map.of("first_name", "P" + i,
                    "add_time", T0.toString(), "emails", List.of(Map.of("value", "old" + i + "@example.com", "primary", false),
                            Map.of("value", "p" + i + "@example.com", "primary", true, "label", "work")))));
        }
        fake.faults.add("429");
        PipedriveConnector c = connector("persons", PipedriveFake.TOKEN, List.of("email", "first_name", "add_time"));
        c.start(null, T0.plusSeconds(100_000), null);
        List<ApiRecord> all = readAll(c);
        assertEquals(1_100, all.size());
        assertEquals("p7@example.com", all.get(6).fields().get("email"));
        assertEquals(3 + 1, c.calls(), "three pages of 500, and the 429 waited out and asked again");
        assertThat(fake.calls).allMatch(u -> u.contains("limit=500"));
    }

    @Test
    void changesAreReadSinceTheWatermarkAndDeletedDealsArriveArchived() {
        fake.add(new PipedriveFake.Rec("deals", 1, T0.minusSeconds(60), false, Map.of("title", "Old", "value", 10)));
        fake.add(new PipedriveFake.Rec("deals", 2, T0.plusSeconds(60), false, Map.of("title", "Changed", "value", 2500.5,
                "currency", "EUR", "status", "won", "person_id", 42)));
        fake.add(new PipedriveFake.Rec("deals", 3, T0.plusSeconds(120), true, Map.of("title", "Gone", "value", 0)));
        fake.add(new PipedriveFake.Rec("deals", 4, T0.plusSeconds(90_000), false, Map.of("title", "Tomorrow", "value", 1)));
        PipedriveConnector c = connector("deals", PipedriveFake.TOKEN, List.of("title", "value", "currency", "status", "person_id"));
        c.start(T0, T0.plusSeconds(3_600), null);
        List<ApiRecord> all = readAll(c);
        assertThat(all).extracting(ApiRecord::id).containsExactly("2", "3");
        assertEquals(Map.of("id", "2", "archived", "false", "modified", T0.plusSeconds(60).toString(), "title", "Changed",
                "value", "2500.5", "currency", "EUR", "status", "won", "person_id", "42"), all.get(0).fields());
        assertEquals("true", all.get(1).fields().get("archived"));
    }

    @Test
    void aTimeoutAndACutOffAnswerAreAskedAgain() {
        for (int i = 1; i <= 600; i++) {
            fake.add(new PipedriveFake.Rec("persons", i, T0.plusSeconds(i), false, Map.of("first_name", "P" + i)));
        }
        fake.faults.add("slow");
        fake.faults.add("truncated");
        PipedriveConnector c = connector("persons", PipedriveFake.TOKEN, List.of("first_name"));
        c.start(null, T0.plusSeconds(100_000), null);
        List<ApiRecord> all = readAll(c);
        assertEquals(600, all.size());
        assertEquals(600, all.stream().map(ApiRecord::id).distinct().count());
        assertEquals(2 + 2, c.calls(), "two pages, and a timed-out and a cut-off call asked again");
    }

    @Test
    void theCountOfDealsIsTheSummarysAndPersonsHaveNone() {
        fake.add(new PipedriveFake.Rec("deals", 1, T0, false, Map.of("title", "A")));
        fake.add(new PipedriveFake.Rec("deals", 2, T0, false, Map.of("title", "B")));
        fake.add(new PipedriveFake.Rec("deals", 3, T0, true, Map.of("title", "Deleted")));
        assertEquals(java.util.OptionalLong.of(2), connector("deals", PipedriveFake.TOKEN, List.of("title")).total());
        assertEquals(java.util.OptionalLong.empty(), connector("persons", PipedriveFake.TOKEN, List.of("email")).total());
        assertThat(fake.calls).containsExactly("GET /v1/deals/summary");
    }

    @Test
    void aRefusedTokenFailsAtOnceWithoutTheTokenInTheMessage() {
        String wrong = "ffffffffffffffffffffffffffffffffffffffff";
        PipedriveConnector c = connector("persons", wrong, List.of("email"));
        c.start(null, T0, null);
        assertThatThrownBy(c::nextPage).isInstanceOf(ApiException.class).hasMessageContaining("HTTP 401")
                .hasMessageNotContaining(wrong);
    }
}
