package io.leadledger.console;

import io.leadledger.deliver.DeliveryLog;
import io.leadledger.deliver.ReportArchive;
import io.leadledger.ops.ServedWorkspace;
import io.leadledger.support.Browser;
import io.leadledger.support.CliDriver;
import io.leadledger.support.ConsoleTenant;
import io.leadledger.support.Mails;
import io.leadledger.support.TestClock;
import io.leadledger.support.TestSmtp;
import io.leadledger.support.TestWarehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The console in a real headless Chromium, served by 'leadledger console': log in, page through the runs, open a
 * run's quarantined rows (markup from a CSV cell shows as text and runs nothing), link an unmatched deal to a
 * candidate lead, reconcile now, see the deal linked and the next report's figures change; a viewer gets no link
 * button. Every page is photographed into target/console-screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    static final String OPERATOR_PASSWORD = "operator-password-1";
    static final String VIEWER_PASSWORD = "viewer-password-12";

    Path tmp;
    TestSmtp smtp;
    TestWarehouse w;
    Path jobs;
    String base;
    Thread console;

    @BeforeAll
    void start() throws Exception {
        tmp = Files.createTempDirectory("leadledger-console-browser");
        smtp = new TestSmtp();
        TestClock clock = new TestClock(Instant.now());
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        String users = "op:operator:" + bcrypt.encode(OPERATOR_PASSWORD) + ",vi:viewer:" + bcrypt.encode(VIEWER_PASSWORD);
        String[] args = List.of("--spring.main.web-application-type=servlet", "--server.port=0",
                "--leadledger.console.users=" + users).toArray(String[]::new);
        w = TestWarehouse.h2(tmp.resolve("db"), clock, concat(args, smtp.args()));
        jobs = ConsoleTenant.write(tmp.resolve("tenant"), "console");
        for (int i = 0; i < 3; i++) {
            assertEquals(0, CliDriver.run(w, "run", "nightly-sync", "--jobs", jobs.toString()).code());
        }
        var monthly = CliDriver.run(w, "run", "monthly-reports", "--month", "2026-10", "--jobs", jobs.toString());
        assertEquals(0, monthly.code(), monthly::toString);
        console = new Thread(() -> CliDriver.run(w, "console", "--jobs", jobs.toString()), "console-command");
        console.setDaemon(true);
        console.start();
        waitFor(() -> w.bean(ServedWorkspace.class).get() != null, "the console command to serve jobs/");
        base = "http://127.0.0.1:" + w.bean(Environment.class).getProperty("local.server.port");
    }

    @AfterAll
    void stop() {
        if (w != null) {
            w.close();
        }
        if (smtp != null) {
            smtp.close();
        }
    }

    @Test
    @Order(2)
    void anOperatorPagesThroughRunsReadsQuarantineLinksADealAndReconciles() throws Exception {
        try (Browser b = new Browser(base)) {
            b.open("/runs");
            assertThat(b.driver().getCurrentUrl()).as("no page without login").contains("/login");
            b.screenshot("01-login");
            b.login("op", OPERATOR_PASSWORD);
            assertThat(b.driver().getCurrentUrl()).contains("/runs");

            // page through the runs, two a page: 3 syncs and the monthly run
            b.open("/runs?size=2");
            assertThat(b.all("table.runs a.run-link")).hasSize(2);
            assertThat(b.text()).contains("monthly-reports", "COMPLETED", "Page 1");
            b.screenshot("02-runs");
            b.clickAndWait("#older");
            assertThat(b.text()).contains("Page 2", "nightly-sync");
            assertThat(b.all("table.runs a.run-link")).hasSize(2);
            b.clickAndWait("#newer");
            assertThat(b.text()).contains("Page 1");

            // the first sync's count audit, then its quarantined rows
            b.open("/runs?size=10");
            List<String> ids = b.all("table.runs a.run-link").stream().map(e -> e.getText()).toList();
            b.open("/runs/" + ids.get(ids.size() - 1));
            assertThat(b.text()).contains("Count audit per file", "leads.csv", "crm-deals", "Steps", "Reconcile: rebuilt");
            b.screenshot("03-run");
            b.clickAndWait("a.quarantine-link");
            assertThat(b.driver().getCurrentUrl()).contains("/quarantine");
            assertThat(b.text()).contains("2 rows", ConsoleTenant.XSS, ConsoleTenant.FORMULA);
            // the markup is text: no image, no script ran, no alert
            assertThat(b.driver().getTitle()).isEqualTo("Quarantine · Leadledger");
            assertThat(b.driver().findElements(By.cssSelector("td.raw img, td.raw script"))).isEmpty();
            assertThrows(NoAlertPresentException.class, () -> b.driver().switchTo().alert());
            b.screenshot("04-quarantine");
            b.find("input[name=q]").sendKeys("hyperlink");
            b.clickAndWait("#filter");
            assertThat(b.text()).contains("1 rows", ConsoleTenant.FORMULA).doesNotContain(ConsoleTenant.XSS);

            // the unmatched queue, the deal, its candidate, the link
            b.open("/unmatched");
            assertThat(b.text()).contains(ConsoleTenant.DEAL_NAME, "e-mail not found");
            assertThat(b.driver().findElements(By.cssSelector("td.name b"))).as("the deal's name is text").isEmpty();
            b.screenshot("05-unmatched");
            b.clickAndWait("a.deal-link");
            assertThat(b.text()).contains("carol@example.com", "same contact name carol");
            b.screenshot("06-deal");
            b.find("input[name=lead][value='carol@example.com']").click();
            b.find("#note").sendKeys("Carol moved to nowhere.test; same person");
            b.clickAndWait("#link");
            assertThat(b.text()).contains("Linked to carol@example.com. It takes effect on the next reconcile.",
                    "Carol moved to nowhere.test; same person");
            b.screenshot("07-linked");

            // reconcile now: a sync run, then the deal is linked by the override
            int runsBefore = runCount();
            b.clickAndWait("#reconcile-now");
            // the form posts and redirects: the click can return before the browser has loaded the next page
            waitFor(() -> b.driver().getCurrentUrl().contains("/runs"), "the runs page after reconcile now");
            waitFor(() -> runCount() > runsBefore && !latestRunning(), "the reconcile run");
            b.open("/runs");
            assertThat(b.all("table.runs td.status").get(0).getText()).isEqualTo("COMPLETED");
            b.screenshot("08-reconciled");
            b.open("/unmatched/deal?source=crm-deals&id=D4");
            assertThat(b.find("#linked-lead").getText()).isEqualTo("carol@example.com");
            assertThat(b.text()).contains("by rule override");
            b.open("/unmatched");
            assertThat(b.text()).contains("No unmatched deals.");

            // the next report: resend October; its figures now count the 5,000 of D4 as Paid search's
            String firstVersion = w.bean(DeliveryLog.class).recent("console", 10).get(0).version();
            b.open("/reports");
            assertThat(b.text()).contains("roi-2026-10.pdf", "ceo@ops.test", "first");
            b.screenshot("09-reports");
            b.clickAndWait("#resend");
            waitFor(() -> w.bean(DeliveryLog.class).recent("console", 10).stream()
                    .filter(d -> d.seq() == 1 && DeliveryLog.SENT.equals(d.status())).count() == 2, "the resend");
            b.open("/reports");
            assertThat(b.text()).contains("resend 1");
            String secondVersion = w.bean(DeliveryLog.class).recent("console", 10).get(0).version();
            assertThat(secondVersion).as("the figures changed").isNotEqualTo(firstVersion);
            String before = roiText(firstVersion);
            String after = roiText(secondVersion);
            assertThat(before).contains("12,000");
            assertThat(after).contains("17,000");
            b.screenshot("10-reports-resent");

            b.open("/health");
            assertThat(b.find("#freshness").getText()).isEqualTo("Fresh enough to report");
            assertThat(b.text()).contains("nightly-sync", "monthly-reports", "What would hold back the next monthly send");
            b.screenshot("11-health");
        }
    }

    @Test
    @Order(1)
    void aViewerSeesEverythingAndIsGivenNoButtonToChangeIt() {
        try (Browser b = new Browser(base)) {
            b.login("vi", VIEWER_PASSWORD);
            b.open("/runs");
            assertThat(b.driver().findElements(By.id("reconcile-now"))).isEmpty();
            b.open("/unmatched/deal?source=crm-deals&id=D4");
            assertThat(b.text()).contains("carol@example.com", "Linking needs the operator role.");
            assertThat(b.driver().findElements(By.id("link"))).isEmpty();
            assertThat(b.driver().findElements(By.id("no-lead"))).isEmpty();
            assertThat(b.find("input[name=lead]").isEnabled()).isFalse();
            b.screenshot("12-viewer-deal");
            b.open("/reports");
            assertThat(b.driver().findElements(By.id("resend"))).isEmpty();
            b.screenshot("13-viewer-reports");
            b.open("/runs");
            b.screenshot("14-viewer-runs");
        }
    }

    private String roiText(String version) {
        byte[] pdf = w.bean(ReportArchive.class).get("console", "2026-10", version, "roi-2026-10.pdf").orElseThrow();
        return Mails.pdfText(pdf);
    }

    private int runCount() {
        return w.bean(io.leadledger.ops.RunHistory.class).recent("console", 100).size();
    }

    private boolean latestRunning() {
        String status = w.bean(io.leadledger.ops.RunHistory.class).recent("console", 1).get(0).status();
        return status.equals("STARTED") || status.equals("STARTING");
    }

    static void waitFor(BooleanSupplier done, String what) throws InterruptedException {
        long until = System.nanoTime() + 60_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
