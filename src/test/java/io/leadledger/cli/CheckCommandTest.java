package io.leadledger.cli;

import io.leadledger.extract.api.HubSpotFake;
import io.leadledger.extract.api.SalesforceFake;
import io.leadledger.support.CliDriver;
import io.leadledger.support.TestWarehouse;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** `leadledger check`: the first rows of a file or an API page, mapped or refused, and nothing written. */
class CheckCommandTest {

    @Test
    void aFileSourceAndAnApiSourceAreShownAsTheyWouldLoad() throws Exception {
        Path dir = Files.createTempDirectory("leadledger-check");
        try (HubSpotFake hub = new HubSpotFake();
             TestWarehouse w = TestWarehouse.h2(dir.resolve("h2"), null, "--HUBSPOT_CHECK_TOKEN=" + HubSpotFake.TOKEN)) {
            hub.add("contacts", 1, Instant.parse("2026-10-01T10:00:00Z"), Map.of("email", "ann@example.com",
                    "createdate", "2026-10-01T10:00:00Z", "hs_analytics_source", "ORGANIC_SEARCH"));
            hub.add("contacts", 2, Instant.parse("2026-10-01T11:00:00Z"), Map.of("email", "bob@example.com",
                    "createdate", "not a date"));
            Path jobs = dir.resolve("jobs");
            Files.createDirectories(jobs);
            Files.writeString(jobs.resolve("leadledger.yml"), "tenant:\n  id: check\n  timezone: UTC\n");
            Files.writeString(dir.resolve("leads.csv"), "Lead ID,Email,Created\nL1,cy@example.com,2026-10-02\nL2,dan@example.com,yesterday\n");
            Files.writeString(jobs.resolve("nightly-sync.yml"), """
                    sources:
                      - name: file-leads
                        kind: leads
                        files: %s
                        columns: { id: Lead ID, email: Email, createdAt: Created }
                      - name: hubspot
                        profile: hubspot-api-contacts
                        api: { vendor: hubspot, object: contacts, tokenEnv: HUBSPOT_CHECK_TOKEN, baseUrl: %s }
                    """.formatted(dir.resolve("leads.csv"), hub.url()));
            Files.writeString(jobs.resolve("monthly-reports.yml"), "formats: [xlsx]\n");

            var file = CliDriver.run(w, "check", "file-leads", "--jobs", jobs.toString());
            assertEquals(0, file.code(), file::toString);
            assertThat(file.out()).contains("cy@example.com").contains("row 3: QUARANTINED").contains("Created")
                    .contains("2 rows: 1 would load, 1 would be quarantined");

            var api = CliDriver.run(w, "check", "hubspot", "--jobs", jobs.toString());
            assertEquals(0, api.code(), api::toString);
            assertThat(api.out()).contains("api:hubspot/contacts").contains("ann@example.com").contains("row 2: QUARANTINED")
                    .contains("2 rows: 1 would load, 1 would be quarantined").doesNotContain(HubSpotFake.TOKEN);
            assertThat(api.err()).doesNotContain(HubSpotFake.TOKEN);
            assertEquals(0, w.count("stg_lead", "check"), "check writes nothing");
        }
    }

    @Test
    void aSalesforceSourceIsShownAsItWouldLoadAndNothingIsWritten() throws Exception {
        Path dir = Files.createTempDirectory("leadledger-check-sf");
        try (SalesforceFake sf = new SalesforceFake();
             TestWarehouse w = TestWarehouse.h2(dir.resolve("h2"), null, "--SF_CHECK_ID=" + SalesforceFake.CLIENT_ID,
                     "--SF_CHECK_SECRET=" + SalesforceFake.CLIENT_SECRET)) {
            sf.add("Lead", SalesforceFake.id("00Q", 1), Instant.parse("2026-10-01T10:00:00Z"), Map.of("Email",
                    "ann@example.com", "CreatedDate", Instant.parse("2026-10-01T10:00:00Z"), "LeadSource", "Web"));
            sf.add("Lead", SalesforceFake.id("00Q", 2), Instant.parse("2026-10-01T11:00:00Z"), Map.of("Email",
                    "bob@example.com"));
            Path jobs = dir.resolve("jobs");
            Files.createDirectories(jobs);
            Files.writeString(jobs.resolve("leadledger.yml"), "tenant:\n  id: check\n  timezone: UTC\n");
            Files.writeString(jobs.resolve("nightly-sync.yml"), """
                    sources:
                      - name: sf-leads
                        profile: salesforce-api-leads
                        api: { vendor: salesforce, object: leads, clientIdEnv: SF_CHECK_ID,
                               clientSecretEnv: SF_CHECK_SECRET, baseUrl: %s }
                    """.formatted(sf.url()));
            Files.writeString(jobs.resolve("monthly-reports.yml"), "formats: [xlsx]\n");

            var api = CliDriver.run(w, "check", "sf-leads", "--jobs", jobs.toString());
            assertEquals(0, api.code(), api::toString);
            assertThat(api.out()).contains("api:salesforce/leads").contains("ann@example.com")
                    .contains("row 2: QUARANTINED").contains("2 rows: 1 would load, 1 would be quarantined")
                    .doesNotContain(SalesforceFake.CLIENT_SECRET).doesNotContain(sf.token());
            assertThat(api.err()).doesNotContain(SalesforceFake.CLIENT_SECRET).doesNotContain(sf.token());
            assertEquals(0, w.count("stg_lead", "check"), "check writes nothing");
        }
    }
}
