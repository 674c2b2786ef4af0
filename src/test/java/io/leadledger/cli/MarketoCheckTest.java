package io.leadledger.cli;

import io.leadledger.extract.api.MarketoFake;
import io.leadledger.support.CliDriver;
import io.leadledger.support.TestWarehouse;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * `leadledger check` on a Marketo leads source: the first page mapped or refused, nothing written, and neither the
 * client secret nor an access token in any output; wrong credentials say so without repeating them.
 */
class MarketoCheckTest {

    @Test
    void aMarketoSourceIsShownAsItWouldLoad() throws Exception {
        Path dir = Files.createTempDirectory("leadledger-mkto-check");
        String wrongSecret = "notTheSecretnotTheSecretnotTheSecret";
        try (MarketoFake mkto = new MarketoFake();
             TestWarehouse w = TestWarehouse.h2(dir.resolve("h2"), null, "--MKTO_CHECK_ID=" + MarketoFake.CLIENT_ID,
                     "--MKTO_CHECK_SECRET=" + MarketoFake.CLIENT_SECRET, "--MKTO_WRONG_SECRET=" + wrongSecret,
                     "--leadledger.api.marketo-id-gap=300", "--leadledger.api.first-backoff=10ms")) {
            mkto.lead(1, Instant.parse("2026-10-01T10:00:00Z"), Map.of("email", "ann@example.com",
                    "createdAt", "2026-10-01T10:00:00Z", "leadSource", "Website"));
            mkto.lead(2, Instant.parse("2026-10-01T11:00:00Z"), Map.of("email", "bob@example.com"));
            Path jobs = dir.resolve("jobs");
            Files.createDirectories(jobs);
            Files.writeString(jobs.resolve("leadledger.yml"), "tenant:\n  id: check\n  timezone: UTC\n");
            Files.writeString(jobs.resolve("nightly-sync.yml"), """
                    sources:
                      - name: marketo
                        profile: marketo-api-leads
                        api: { vendor: marketo, object: leads, clientIdEnv: MKTO_CHECK_ID, clientSecretEnv: MKTO_CHECK_SECRET,
                               baseUrl: %1$s }
                      - name: marketo-wrong
                        profile: marketo-api-leads
                        api: { vendor: marketo, object: leads, clientIdEnv: MKTO_CHECK_ID, clientSecretEnv: MKTO_WRONG_SECRET,
                               baseUrl: %1$s }
                    """.formatted(mkto.url()));
            Files.writeString(jobs.resolve("monthly-reports.yml"), "formats: [xlsx]\n");

            var api = CliDriver.run(w, "check", "marketo", "--jobs", jobs.toString());
            assertEquals(0, api.code(), api::toString);
            assertThat(api.out()).contains("api:marketo/leads").contains("ann@example.com").contains("row 2: QUARANTINED")
                    .contains("createdAt").contains("2 rows: 1 would load, 1 would be quarantined");
            var wrong = CliDriver.run(w, "check", "marketo-wrong", "--jobs", jobs.toString());
            assertNotEquals(0, wrong.code(), wrong::toString);
            assertThat(wrong.err()).contains("marketo identity").contains("HTTP 401");
            for (var r : java.util.List.of(api, wrong)) {
                assertThat(r.out() + r.err()).doesNotContain(MarketoFake.CLIENT_SECRET).doesNotContain(wrongSecret)
                        .doesNotContain(MarketoFake.CLIENT_ID);
                for (String token : mkto.tokens()) {
                    assertThat(r.out() + r.err()).doesNotContain(token);
                }
            }
            assertEquals(0, w.count("stg_lead", "check"), "check writes nothing");
        }
    }
}
