package io.leadledger.ops;

import io.leadledger.support.CliDriver;
import io.leadledger.support.CliDriver.Result;
import io.leadledger.support.OpsTenant;
import io.leadledger.support.TestClock;
import io.leadledger.support.TestWarehouse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.Environment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** In daemon mode, health and metrics over HTTP say what operations need: freshness, rows, pending deliveries. */
class DaemonEndpointsTest {

    @Test
    void healthAndMetricsOfTheServedTenant() throws Exception {
        Path tmp = Files.createTempDirectory("leadledger-endpoints-test");
        TestClock clock = new TestClock(Instant.now());
        try (TestWarehouse w = TestWarehouse.h2(tmp.resolve("db"), clock, "--spring.main.web-application-type=servlet",
                "--server.port=0")) {
            Path jobs = OpsTenant.write(tmp.resolve("metrics"), "metrics", "");
            assertEquals(0, CliDriver.run(w, "run", "nightly-sync", "--jobs", jobs.toString()).code());
            clock.set(Instant.now());
            Result once = CliDriver.run(w, "schedule", "--once", "--jobs", jobs.toString());
            assertEquals(0, once.code(), once::toString);
            assertThat(once.out()).contains("nightly-sync '0 30 2 * * *' America/New_York, next ",
                    "monthly-reports '0 0 7 1W * *' America/New_York, next ", "alerts to oncall@ops.test",
                    "health and metrics: http://", "operations console: http://");

            String base = "http://127.0.0.1:" + w.bean(Environment.class).getProperty("local.server.port");
            HttpResponse<String> health = get(base + "/actuator/health");
            assertEquals(200, health.statusCode(), health.body());
            // read as JSON: the order of a component's keys is the serializer's (Boot 4: details before status)
            assertEquals("UP", component(health.body()).path("status").asText(), health.body());
            assertThat(health.body()).contains("\"tenant\":\"metrics\"", "\"deliveriesPending\":0", "lastSuccessfulSync");
            assertThat(get(base + "/actuator/metrics/leadledger.rows.loaded").body()).contains("\"value\":10.0");
            assertThat(get(base + "/actuator/metrics/leadledger.deliveries.pending").body()).contains("\"value\":0.0");
            assertThat(get(base + "/actuator/prometheus").body()).contains("leadledger_rows_quarantined_rows 0.0",
                    "leadledger_sync_fresh 1.0");

            clock.advance(Duration.ofHours(40));
            HttpResponse<String> stale = get(base + "/actuator/health");
            assertEquals(503, stale.statusCode());
            assertEquals("OUT_OF_SERVICE", component(stale.body()).path("status").asText(), stale.body());
            assertThat(stale.body()).contains("maxSyncAgeHours: 36");
            assertThat(get(base + "/actuator/prometheus").body()).contains("leadledger_sync_fresh 0.0");
        }
    }

    private static JsonNode component(String health) throws Exception {
        return new ObjectMapper().readTree(health).path("components").path("leadledger");
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
