package io.leadledger.console;

import io.leadledger.jobs.Workspace;
import io.leadledger.ops.PipelineRunner;
import io.leadledger.ops.RunHistory;
import io.leadledger.ops.ServedWorkspace;
import io.leadledger.support.CliDriver;
import io.leadledger.support.ConsoleSession;
import io.leadledger.support.ConsoleTenant;
import io.leadledger.support.OpsTenant;
import io.leadledger.support.TestClock;
import io.leadledger.support.TestWarehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The console over plain HTTP, on H2 and MariaDB: no page without login but the health probe; a viewer reads and is
 * refused every change even with a valid CSRF token (forged POSTs); no change without the token; the session cookie's
 * flags, Secure behind a TLS proxy; source data escaped in pages and defused in the CSV download; a link written with
 * who and a note, audited, and applied by the next reconcile; a failed run's failing step and restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleSecurityTest {

    static final String OPERATOR_PASSWORD = "operator-password-1";
    static final String VIEWER_PASSWORD = "viewer-password-12";

    Path tmp;
    final Map<String, TestWarehouse> warehouses = new LinkedHashMap<>();

    @BeforeAll
    void start() throws Exception {
        tmp = Files.createTempDirectory("leadledger-console-security");
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        Path usersFile = tmp.resolve("console-users");
        // the viewer from the file, the operator from the environment's variable
        Files.writeString(usersFile, "# console users\nvi:viewer:" + bcrypt.encode(VIEWER_PASSWORD) + "\n");
        String[] args = {"--spring.main.web-application-type=servlet", "--server.port=0",
                "--leadledger.console.users=op:operator:" + bcrypt.encode(OPERATOR_PASSWORD),
                "--leadledger.console.users-file=" + usersFile};
        TestClock clock = new TestClock(Instant.now());
        warehouses.put("h2", TestWarehouse.h2(tmp.resolve("h2-db"), clock, args));
        warehouses.put("mariadb", TestWarehouse.mariadb("leadledger_console", clock, args));
    }

    @AfterAll
    void stop() {
        warehouses.values().forEach(TestWarehouse::close);
    }

    private String serve(String db) throws Exception {
        TestWarehouse w = warehouses.get(db);
        Path jobs = ConsoleTenant.write(tmp.resolve("tenant-" + db), "console");
        assertEquals(0, CliDriver.run(w, "run", "nightly-sync", "--jobs", jobs.toString()).code());
        w.bean(ServedWorkspace.class).set(Workspace.load(jobs));
        return "http://127.0.0.1:" + w.bean(Environment.class).getProperty("local.server.port");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void viewersReadOperatorsChangeAndEveryChangeIsAudited(String db) throws Exception {
        String base = serve(db);
        TestWarehouse w = warehouses.get(db);

        ConsoleSession anonymous = new ConsoleSession(base);
        HttpResponse<String> page = anonymous.get("/runs");
        assertEquals(302, page.statusCode());
        assertThat(page.headers().firstValue("Location").orElse("")).endsWith("/login");
        assertThat(anonymous.get("/quarantine.csv").statusCode()).isEqualTo(302);
        assertThat(anonymous.get("/actuator/health").statusCode()).isIn(200, 503);
        assertThat(anonymous.post("/runs/reconcile", Map.of()).statusCode()).isEqualTo(403);

        ConsoleSession viewer = new ConsoleSession(base);
        assertThat(viewer.login("vi", "wrong-password-123").headers().firstValue("Location").orElse("")).endsWith("/login?error");
        HttpResponse<String> login = viewer.login("vi", VIEWER_PASSWORD);
        assertEquals(302, login.statusCode());
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        String cookie = sessionCookie(login);
        assertThat(cookie).contains("HttpOnly", "SameSite=Lax").doesNotContain("Secure");

        HttpResponse<String> queue = viewer.get("/unmatched");
        assertEquals(200, queue.statusCode());
        assertThat(queue.body()).contains("&lt;b&gt;Carol&#39;s&lt;/b&gt; renewal").doesNotContain("<b>Carol");
        assertThat(queue.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'none'");
        HttpResponse<String> quarantine = viewer.get("/quarantine");
        assertThat(quarantine.body()).contains("&lt;script&gt;").doesNotContain("<script>");

        // forged POSTs: the viewer's own valid CSRF token does not make a change allowed
        Map<String, String> link = Map.of("source", "crm-deals", "id", "D4", "lead", "carol@example.com", "note", "forged");
        String deal = "/unmatched/deal?source=crm-deals&id=D4";
        assertThat(viewer.postWithToken(deal, "/unmatched/link", link).statusCode()).isEqualTo(403);
        assertThat(viewer.postWithToken(deal, "/unmatched/link", Map.of("source", "crm-deals", "id", "D4",
                "noLead", "1", "note", "forged")).statusCode()).isEqualTo(403);
        assertThat(viewer.postWithToken("/runs", "/runs/reconcile", Map.of()).statusCode()).isEqualTo(403);
        assertThat(viewer.postWithToken("/reports", "/reports/resend", Map.of("month", "2026-10")).statusCode()).isEqualTo(403);
        long run = w.bean(RunHistory.class).recent("console", 1).get(0).id();
        assertThat(viewer.postWithToken("/runs", "/runs/" + run + "/restart", Map.of()).statusCode()).isEqualTo(403);
        // the health page shows each API source's count audit, a difference marked
        w.bean(io.leadledger.warehouse.CountAuditRepository.class).record("console", run,
                new io.leadledger.warehouse.CountAuditRepository.Line("crm-api", 12L, 11, null, run));
        assertThat(viewer.get("/health").body()).contains("id=\"api-counts\"")
                .contains("crm-api: the API says 12, the warehouse holds 11 (1 missing from the warehouse)");
        assertThat(w.count("link_override", "console")).isZero();
        assertThat(viewer.get(deal).body()).doesNotContain("id=\"link\"").contains("Linking needs the operator role.");

        ConsoleSession operator = new ConsoleSession(base);
        operator.login("op", OPERATOR_PASSWORD);
        // no token, no change: a page of another site cannot post on the operator's behalf
        assertThat(operator.post("/unmatched/link", link).statusCode()).isEqualTo(403);
        assertThat(w.count("link_override", "console")).isZero();
        String detail = operator.get(deal).body();
        assertThat(detail).contains("carol@example.com", "same contact name carol", "id=\"link\"");
        HttpResponse<String> noNote = operator.postWithToken(deal, "/unmatched/link",
                Map.of("source", "crm-deals", "id", "D4", "lead", "carol@example.com", "note", " "));
        assertEquals(302, noNote.statusCode());
        assertThat(w.count("link_override", "console")).isZero();
        HttpResponse<String> linked = operator.postWithToken(deal, "/unmatched/link",
                Map.of("source", "crm-deals", "id", "D4", "lead", "carol@example.com", "note", "same person, new domain"));
        assertEquals(302, linked.statusCode());
        assertThat(w.jdbc().queryForMap("SELECT lead_key, note, origin, set_by FROM link_override WHERE tenant = 'console'"))
                .containsEntry("lead_key", "carol@example.com").containsEntry("origin", "console").containsEntry("set_by", "op")
                .containsEntry("note", "same person, new domain");
        assertThat(w.jdbc().queryForList("SELECT set_by FROM link_override_audit WHERE tenant = 'console'", String.class))
                .containsExactly("op");

        // the next reconcile applies it like a line of link-overrides.csv
        Workspace ws = w.bean(ServedWorkspace.class).get();
        assertEquals("COMPLETED", w.bean(PipelineRunner.class).runSync(ws).getStatus().toString());
        assertThat(w.jdbc().queryForList("SELECT match_method FROM core_lead_deal_link WHERE tenant = 'console' AND "
                + "record_id = 'D4'", String.class)).containsExactly("override");
        assertThat(operator.get("/unmatched").body()).contains("No unmatched deals.");
        assertThat(operator.get(deal).body()).contains("carol@example.com", "by rule <span>override</span>");

        // the download: the formula defused, every row of the filter
        HttpResponse<String> csv = operator.get("/quarantine.csv?q=hyperlink");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        assertThat(csv.body()).startsWith("run,source,file,row,column,raw value,reason")
                .contains("'=HYPERLINK(\"\"http://evil.test\"\",\"\"click\"\")").doesNotContain("onerror");
        assertThat(csv.body().lines().count()).isEqualTo(2);
    }

    @Test
    void aFailedRunShowsItsFailingStepAndOnlyAnOperatorMayRestartIt() throws Exception {
        String base = serve("h2");
        TestWarehouse w = warehouses.get("h2");
        Workspace ws = w.bean(ServedWorkspace.class).get();
        OpsTenant.brokenDeals(ws.dir().getParent());
        var failed = CliDriver.run(w, "run", "nightly-sync", "--jobs", ws.dir().toString());
        assertEquals(1, failed.code(), failed::toString);
        long run = w.bean(RunHistory.class).recent("console", 1).get(0).id();

        ConsoleSession operator = new ConsoleSession(base);
        operator.login("op", OPERATOR_PASSWORD);
        String page = operator.get("/runs/" + run).body();
        assertThat(page).contains("Failing step", "FAILED", "id=\"restart\"");
        ConsoleSession viewer = new ConsoleSession(base);
        viewer.login("vi", VIEWER_PASSWORD);
        assertThat(viewer.get("/runs/" + run).body()).contains("Failing step").doesNotContain("id=\"restart\"");
        OpsTenant.goodDeals(ws.dir().getParent());
    }

    @Test
    void behindATlsProxyTheSessionCookieIsSecure() throws Exception {
        String base = serve("h2");
        HttpResponse<String> login = new ConsoleSession(base).get("/login", "X-Forwarded-Proto", "https");
        assertThat(sessionCookie(login)).contains("Secure", "HttpOnly", "SameSite=Lax");
    }

    @Test
    void hashPasswordPrintsAnEntryWithABcryptHash() throws Exception {
        TestWarehouse w = warehouses.get("h2");
        InputStream in = System.in;
        try {
            System.setIn(new ByteArrayInputStream("a-long-enough-password\n".getBytes(StandardCharsets.UTF_8)));
            var r = CliDriver.run(w, "console", "hash-password", "--user", "ann", "--role", "operator");
            assertEquals(0, r.code(), r::toString);
            String[] entry = r.out().strip().split(":", 3);
            assertThat(List.of(entry[0], entry[1])).containsExactly("ann", "operator");
            assertThat(new BCryptPasswordEncoder().matches("a-long-enough-password", entry[2])).isTrue();
            System.setIn(new ByteArrayInputStream("short\n".getBytes(StandardCharsets.UTF_8)));
            assertEquals(2, CliDriver.run(w, "console", "hash-password").code());
        } finally {
            System.setIn(in);
        }
    }

    private static String sessionCookie(HttpResponse<String> r) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("LEADLEDGER_SESSION=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + r.headers().map()));
    }
}
