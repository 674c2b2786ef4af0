package io.leadledger.console;

import io.leadledger.ops.ServedWorkspace;
import io.leadledger.support.CliDriver;
import io.leadledger.support.OpsTenant;
import io.leadledger.support.TestWarehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The console of an agency's clients/ (issue 14): it serves every tenant, the header lists them, and a session that
 * chooses one sees that tenant's runs only; another session still sees the first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleTenantsTest {

    static final String PASSWORD = "viewer-password-1";

    Path tmp;
    TestWarehouse w;
    String base;

    @BeforeAll
    void start() throws Exception {
        tmp = Files.createTempDirectory("ll-console-tenants");
        String users = "vi:viewer:" + new BCryptPasswordEncoder(4).encode(PASSWORD);
        w = TestWarehouse.h2(tmp.resolve("db"), java.time.Clock.systemUTC(), "--spring.main.web-application-type=servlet",
                "--server.port=0", "--leadledger.console.users=" + users);
        Path clients = tmp.resolve("clients");
        for (String t : List.of("north", "south")) {
            Path dir = clients.resolve(t);
            OpsTenant.write(dir, "t-" + t, "");
            for (String f : List.of("leadledger.yml", "nightly-sync.yml", "monthly-reports.yml")) {
                Files.move(dir.resolve("jobs").resolve(f), dir.resolve(f));
            }
        }
        // one sync for north, two for south: each tenant's runs page shows its own
        assertEquals(0, CliDriver.run(w, "run", "nightly-sync", "--jobs", clients.toString()).code());
        assertEquals(0, CliDriver.run(w, "run", "nightly-sync", "--jobs", clients.toString(), "--tenant", "t-south").code());
        Thread console = new Thread(() -> CliDriver.run(w, "console", "--jobs", clients.toString()), "console-command");
        console.setDaemon(true);
        console.start();
        long until = System.nanoTime() + 60_000_000_000L;
        while (w.bean(ServedWorkspace.class).all().size() < 2 && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        base = "http://127.0.0.1:" + w.bean(Environment.class).getProperty("local.server.port");
    }

    @AfterAll
    void stop() {
        if (w != null) {
            w.close();
        }
    }

    @Test
    void eachSessionSeesTheTenantItChose() throws Exception {
        HttpClient one = login();
        String runs = get(one, "/runs");
        assertThat(runs).contains("(t-north)", "href=\"/tenant?id=t-north\"", "href=\"/tenant?id=t-south\"");
        assertThat(count(runs, "nightly-sync")).as("north's one run").isGreaterThanOrEqualTo(1);

        String south = get(one, "/tenant?id=t-south");
        assertThat(south).contains("(t-south)");
        assertThat(runLinks(south)).hasSize(2);
        assertThat(runLinks(get(one, "/runs"))).as("the choice stays with the session").hasSize(2);

        HttpClient other = login();
        assertThat(get(other, "/runs")).contains("(t-north)");
        assertThat(runLinks(get(other, "/runs"))).hasSize(1);

        HttpResponse<String> unknown = other.send(HttpRequest.newBuilder(URI.create(base + "/tenant?id=nobody")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknown.statusCode());
        assertThat(unknown.body()).contains("tenant nobody");
        HttpResponse<String> noRun = other.send(HttpRequest.newBuilder(URI.create(base + "/runs/987654")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, noRun.statusCode(), "a run that is not there");
    }

    private HttpClient login() throws Exception {
        HttpClient c = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL).build();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(get(c, "/login"));
        assertThat(csrf.find()).isTrue();
        String form = "username=vi&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
        HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.uri().getPath()).isEqualTo("/runs");
        return c;
    }

    private String get(HttpClient c, String path) throws Exception {
        HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path);
        return r.body();
    }

    private static List<String> runLinks(String html) {
        return Pattern.compile("class=\"run-link\"").matcher(html).results().map(m -> m.group()).toList();
    }

    private static long count(String s, String what) {
        return Pattern.compile(Pattern.quote(what)).matcher(s).results().count();
    }
}
