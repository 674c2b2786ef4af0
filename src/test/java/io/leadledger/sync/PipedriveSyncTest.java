package io.leadledger.sync;

import io.leadledger.extract.api.PipedriveFake;
import io.leadledger.jobs.Workspace;
import io.leadledger.ops.PipelineRunner;
import io.leadledger.support.TestClock;
import io.leadledger.support.TestWarehouse;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Persons and deals from Pipedrive's API v2 (the fake over real HTTP), configured through jobs/ alone, reconciled. */
class PipedriveSyncTest {

    @Test
    void personsAndDealsLoadAndTheDealLinksToItsPerson() throws Exception {
        Path tmp = Files.createTempDirectory("leadledger-pipedrive");
        Instant t = Instant.parse("2026-10-01T09:00:00Z");
        try (PipedriveFake fake = new PipedriveFake();
             TestWarehouse w = TestWarehouse.h2(tmp.resolve("h2"), new TestClock(Instant.parse("2026-11-02T07:30:00Z")),
                     "--PIPEDRIVE_TEST_TOKEN=" + PipedriveFake.TOKEN)) {
            fake.add(new PipedriveFake.Rec("persons", 42, t, false, Map.of("first_name", "Ann", "add_time", t.toString(),
                    "emails", List.of(Map.of("value", "ann@example.com", "primary", true)))));
            fake.add(new PipedriveFake.Rec("persons", 43, t, false, Map.of("first_name", "Bob", "add_time", t.toString(),
                    "emails", List.of())));
            fake.add(new PipedriveFake.Rec("deals", 7, t.plusSeconds(86_400 * 10), false, Map.of("title", "Ann's deal",
                    "value", 4200, "currency", "USD", "status", "won", "person_id", 42, "add_time", t.toString(),
                    "close_time", "2026-10-11T10:00:00Z")));
            fake.add(new PipedriveFake.Rec("deals", 8, t.plusSeconds(86_400 * 12), false, Map.of("title", "Open one",
                    "value", 900, "currency", "USD", "status", "open", "person_id", 43, "add_time", t.toString(),
                    "expected_close_date", "2026-12-15")));
            Path dir = tmp.resolve("jobs");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("leadledger.yml"), "tenant:\n  id: pd\n  reportingCurrency: USD\n  timezone: UTC\n");
            Files.writeString(dir.resolve("nightly-sync.yml"), """
                    sources:
                      - name: pipedrive-persons
                        profile: pipedrive-api-persons
                        api: { vendor: pipedrive, object: persons, tokenEnv: PIPEDRIVE_TEST_TOKEN, baseUrl: %1$s }
                      - name: pipedrive-deals
                        profile: pipedrive-api-deals
                        api: { vendor: pipedrive, object: deals, tokenEnv: PIPEDRIVE_TEST_TOKEN, baseUrl: %1$s }
                    """.formatted(fake.url()));
            Files.writeString(dir.resolve("monthly-reports.yml"), "formats: [xlsx]\nout: " + tmp.resolve("out") + "\n");
            JobExecution run = w.bean(PipelineRunner.class).runSync(Workspace.load(dir));
            assertEquals(BatchStatus.COMPLETED, run.getStatus(), run.getExitStatus()::getExitDescription);
            assertEquals(2, w.count("stg_lead", "pd"));
            assertEquals(2, w.count("stg_deal", "pd"));
            assertEquals(1L, w.jdbc().queryForObject("SELECT COUNT(*) FROM core_deal WHERE tenant = 'pd' AND status = 'won'",
                    Long.class));
            assertEquals(2L, w.jdbc().queryForObject("SELECT COUNT(*) FROM core_lead_deal_link WHERE tenant = 'pd'",
                    Long.class), "each deal reaches its person by person_id");
        }
    }
}
