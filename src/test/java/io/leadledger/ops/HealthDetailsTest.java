package io.leadledger.ops;

import io.leadledger.support.CliDriver;
import io.leadledger.support.ConsoleSession;
import io.leadledger.support.OpsTenant;
import io.leadledger.support.TestClock;
import io.leadledger.support.TestWarehouse;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

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

/**
 * The daemon's endpoints opened beyond localhost (LEADLEDGER_MANAGEMENT_ADDRESS=0.0.0.0): anyone who reaches them
 * gets the status for monitoring, never the details (tenant, working directory, database product); a user logged in to
 * the console gets the details and the metrics.
 */
class HealthDetailsTest {

    @Test
    void anOpenedManagementAddressServesTheStatusWithoutDetails() throws Exception {
        Path tmp = Files.createTempDirectory("leadledger-health-test");
        TestClock clock = new TestClock(Instant.now());
        String operator = "op:operator:" + new BCryptPasswordEncoder(4).encode("operator-password-1");
        try (TestWarehouse w = TestWarehouse.h2(tmp.resolve("db"), clock, "--spring.main.web-application-type=servlet",
                "--server.port=0", "--server.address=0.0.0.0", "--leadledger.console.users=" + operator)) {
            Path jobs = OpsTenant.write(tmp.resolve("open"), "open", "");
            assertEquals(0, CliDriver.run(w, "run", "nightly-sync", "--jobs", jobs.toString()).code());
            clock.set(Instant.now());
            assertEquals(0, CliDriver.run(w, "schedule", "--once", "--jobs", jobs.toString()).code());

            String base = "http://127.0.0.1:" + w.bean(Environment.class).getProperty("local.server.port");
            HttpResponse<String> health = get(base + "/actuator/health");
            assertEquals(200, health.statusCode(), health.body());
            // the status only (Boot 4 adds the names of its probe groups, liveness and readiness: no details)
            assertEquals("{\"groups\":[\"liveness\",\"readiness\"],\"status\":\"UP\"}", health.body());
            assertThat(get(base + "/actuator/health/leadledger").statusCode()).isEqualTo(404);
            // the metrics, and the details, only after the console's login
            assertThat(get(base + "/actuator/prometheus").statusCode()).isEqualTo(302);
            ConsoleSession session = new ConsoleSession(base);
            session.login("op", "operator-password-1");
            assertThat(session.get("/actuator/health").body()).contains("\"tenant\":\"open\"");
            assertThat(session.get("/actuator/prometheus").body()).contains("leadledger_sync_fresh 1.0");

            // stale data still shows, as the status and HTTP 503, without saying why
            clock.advance(Duration.ofHours(40));
            HttpResponse<String> stale = get(base + "/actuator/health");
            assertEquals(503, stale.statusCode());
            assertEquals("{\"groups\":[\"liveness\",\"readiness\"],\"status\":\"OUT_OF_SERVICE\"}", stale.body());
        }
    }

    @Test
    void onlyLoopbackAddressesCountAsLocal() {
        assertThat(HealthDetailsExposure.isLoopback("127.0.0.1")).isTrue();
        assertThat(HealthDetailsExposure.isLoopback("::1")).isTrue();
        assertThat(HealthDetailsExposure.isLoopback("localhost")).isTrue();
        assertThat(HealthDetailsExposure.isLoopback("0.0.0.0")).isFalse();
        assertThat(HealthDetailsExposure.isLoopback("")).isFalse();
        assertThat(HealthDetailsExposure.isLoopback("no-such-host.invalid")).isFalse();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
