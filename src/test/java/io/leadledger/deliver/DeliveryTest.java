package io.leadledger.deliver;

import io.leadledger.jobs.Workspace;
import io.leadledger.report.Figures;
import io.leadledger.report.ReportService;
import io.leadledger.report.document.Kpi;
import io.leadledger.report.document.ReportDocument;
import io.leadledger.report.insights.Insight;
import io.leadledger.support.CliDriver.Result;
import io.leadledger.support.CliDriver;
import io.leadledger.support.Mails;
import io.leadledger.support.OpsTenant;
import io.leadledger.support.TestClock;
import io.leadledger.support.TestSmtp;
import io.leadledger.support.TestWarehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.leadledger.support.OpsTenant.EXECUTIVES;
import static io.leadledger.support.OpsTenant.OPERATIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Delivery of the monthly reports to a real SMTP server (GreenMail), on H2 and on MariaDB: the PDFs
 * attached and readable, once per recipient, again only with --resend; an SMTP outage that loses
 * nothing and sends nothing twice; the freshness gate that keeps stale or failed data from executives
 * and alerts operations instead; and the alert for a failed nightly run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryTest {

    static final YearMonth OCTOBER = YearMonth.of(2026, 10);

    Path tmp;
    TestSmtp smtp;
    TestClock clock;
    final Map<String, TestWarehouse> warehouses = new LinkedHashMap<>();

    @BeforeAll
    void start() throws Exception {
        tmp = Files.createTempDirectory("leadledger-delivery-test");
        smtp = new TestSmtp();
        clock = new TestClock(Instant.now());
        warehouses.put("h2", TestWarehouse.h2(tmp.resolve("h2-db"), clock, smtp.args()));
        warehouses.put("mariadb", TestWarehouse.mariadb("leadledger_delivery", clock, smtp.args()));
    }

    @AfterAll
    void stop() {
        warehouses.values().forEach(TestWarehouse::close);
        smtp.close();
    }

    /** A fresh tenant for one scenario on one database, synced "now". */
    private Path tenant(String db, String name, String reportsYaml) throws Exception {
        smtp.purge();
        clock.set(Instant.now());
        Path jobs = OpsTenant.write(tmp.resolve(db + "-" + name), name, reportsYaml);
        Result sync = CliDriver.run(warehouses.get(db), "run", "nightly-sync", "--jobs", jobs.toString());
        assertEquals(0, sync.code(), sync::toString);
        clock.set(Instant.now()); // not before the sync ended: ages count from here
        return jobs;
    }

    private Result cli(String db, String... args) {
        return CliDriver.run(warehouses.get(db), args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void everyExecutiveGetsThePdfsOnceAndAgainOnlyOnRequest(String db) throws Exception {
        Path jobs = tenant(db, "deliver", "");
        Result run = cli(db, "run", "monthly-reports", "--month", "2026-10", "--jobs", jobs.toString());
        assertEquals(0, run.code(), run::toString);
        assertThat(run.out()).contains("delivery 2026-10: sent to 2 of 2 recipients");

        assertThat(smtp.all()).hasSize(2);
        Workspace ws = Workspace.load(jobs);
        List<ReportDocument> docs = warehouses.get(db).bean(ReportService.class).build(ws, OCTOBER, ws.reports().reports());
        for (String exec : EXECUTIVES) {
            assertThat(smtp.to(exec)).hasSize(1);
            Mails mail = Mails.read(smtp.to(exec).get(0));
            assertEquals("Opsco Ltd: monthly reports for October 2026", mail.subject());
            assertThat(mail.attachments().keySet()).containsExactly("lead-production-2026-10.pdf",
                    "sales-performance-2026-10.pdf", "roi-2026-10.pdf");
            assertThat(Mails.pdfText(mail.attachments().get("lead-production-2026-10.pdf"))).contains("Lead production", "Opsco Ltd");
            assertThat(Mails.pdfText(mail.attachments().get("sales-performance-2026-10.pdf"))).contains("Sales performance against leads");
            assertThat(Mails.pdfText(mail.attachments().get("roi-2026-10.pdf"))).contains("End-to-end ROI");
            // the three headline figures, as the reports compute them, and the top insight
            assertThat(mail.html()).contains("New leads", "<b>3</b>", "Win rate", headline(docs, "sales-performance", "winRate"),
                    "ROI (12 mo)", headline(docs, "roi", "roi12"));
            // the top insight is the first one the reports' own first page lists, word for word
            Insight first = firstInsight(docs);
            assertThat(mail.text()).contains("New leads: 3", "Top insight: " + first.kind().label() + ": " + first.sentence());
            assertThat(Mails.pdfText(mail.attachments().get("lead-production-2026-10.pdf")).replaceAll("\\s+", " "))
                    .contains(first.sentence().substring(0, 40));
        }
        List<Map<String, Object>> log = warehouses.get(db).jdbc().queryForList(
                "SELECT * FROM delivery_log WHERE tenant = 'deliver' ORDER BY recipient");
        assertThat(log).hasSize(2).allSatisfy(r -> {
            assertEquals("sent", r.get("status"));
            assertEquals("2026-10", r.get("report_month"));
            assertEquals("monthly-reports", r.get("job_name"));
            assertEquals("lead-production,sales-performance,roi", r.get("reports"));
            assertThat((String) r.get("version")).matches("[0-9a-f]{64}");
            assertEquals(0, ((Number) r.get("seq")).intValue());
        });

        Result again = cli(db, "run", "monthly-reports", "--month", "2026-10", "--jobs", jobs.toString());
        assertEquals(0, again.code(), again::toString);
        assertThat(again.out()).contains("sent to 0 of 2 recipients, 2 had it already (use --resend to send again)");
        assertThat(smtp.all()).as("no double send on a re-run").hasSize(2);

        Result resend = cli(db, "run", "monthly-reports", "--month", "2026-10", "--resend", "--jobs", jobs.toString());
        assertEquals(0, resend.code(), resend::toString);
        assertThat(smtp.all()).hasSize(4);
        for (String exec : EXECUTIVES) {
            assertThat(smtp.to(exec)).hasSize(2);
            assertEquals("Opsco Ltd: monthly reports for October 2026 (sent again)", Mails.read(smtp.to(exec).get(1)).subject());
        }
        assertEquals(2L, warehouses.get(db).jdbc().queryForObject(
                "SELECT COUNT(*) FROM delivery_log WHERE tenant = 'deliver' AND seq = 1 AND status = 'sent'", Long.class));
    }

    private static String headline(List<ReportDocument> docs, String report, String kpi) {
        Kpi k = docs.stream().filter(d -> d.id().equals(report)).findFirst().orElseThrow().kpis().stream()
                .filter(x -> x.key().equals(kpi)).findFirst().orElseThrow();
        return Figures.format(k.value(), k.type());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void theMailsTopInsightHonoursInsightsMinSpendAsThePdfDoes(String db) throws Exception {
        // every campaign's spend is under 100,000: no source or campaign may be recommended, in the PDF or the mail
        Path jobs = tenant(db, "minspend", "insights:\n  minSpend: 100000\n");
        Result run = cli(db, "run", "monthly-reports", "--month", "2026-10", "--jobs", jobs.toString());
        assertEquals(0, run.code(), run::toString);
        Workspace ws = Workspace.load(jobs);
        List<ReportDocument> docs = warehouses.get(db).bean(ReportService.class).build(ws, OCTOBER, ws.reports().reports());
        assertThat(docs.get(0).insights()).noneMatch(i -> i.subject() != null
                && (i.kind() == Insight.Kind.GROW || i.kind() == Insight.Kind.CUT));
        Mails mail = Mails.read(smtp.to(EXECUTIVES.get(0)).get(0));
        assertThat(mail.text()).doesNotContain("Top insight: Grow", "Top insight: Cut", "Best 12-month ROI");
        Insight first = firstInsight(docs);
        if (first != null) {
            assertThat(mail.text()).contains("Top insight: " + first.kind().label() + ": " + first.sentence());
        }
    }

    /** What the mail should quote: the first recommendation about a source or campaign, else the first change. */
    private static Insight firstInsight(List<ReportDocument> docs) {
        List<Insight> all = docs.get(0).insights();
        return all.stream().filter(i -> i.subject() != null && (i.kind() == Insight.Kind.GROW || i.kind() == Insight.Kind.CUT))
                .findFirst().orElse(all.stream().filter(i -> i.kind() == Insight.Kind.CHANGE).findFirst().orElse(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void anSmtpOutageLosesNoDeliveryAndRecoverySendsEachExactlyOnce(String db) throws Exception {
        Path jobs = tenant(db, "outage", "attachXlsx: true\n");
        smtp.stop();
        Result run;
        try {
            run = cli(db, "run", "monthly-reports", "--month", "2026-10", "--jobs", jobs.toString());
            assertEquals(3, run.code(), "e-mails left pending: exit 3, so cron sees it\n" + run);
            assertThat(run.out()).contains("sent to 0 of 2 recipients; 2 pending, retried by the next runs");
            Result status = cli(db, "status", "--jobs", jobs.toString());
            assertThat(status.out()).contains("2 e-mails not sent yet", "cmo@ops.test: 1 attempts");
        } finally {
            smtp.start();
        }
        assertThat(smtp.all()).isEmpty();
        List<Map<String, Object>> pending = warehouses.get(db).jdbc().queryForList(
                "SELECT * FROM delivery_log WHERE tenant = 'outage'");
        assertThat(pending).hasSize(2).allSatisfy(r -> {
            assertEquals("pending", r.get("status"));
            assertEquals(1, ((Number) r.get("attempts")).intValue());
            assertThat((String) r.get("last_error")).isNotBlank();
        });

        // the next nightly run comes before the 5-minute backoff is over: nothing yet
        assertEquals(0, cli(db, "run", "nightly-sync", "--jobs", jobs.toString()).code());
        assertThat(smtp.all()).isEmpty();
        clock.advance(Duration.ofMinutes(6));
        assertEquals(0, cli(db, "run", "nightly-sync", "--jobs", jobs.toString()).code());
        assertThat(smtp.all()).hasSize(2);
        for (String exec : EXECUTIVES) {
            assertThat(smtp.to(exec)).hasSize(1);
            assertThat(Mails.read(smtp.to(exec).get(0)).attachments()).hasSize(6).containsKey("roi-2026-10.xlsx");
        }
        // later runs, and re-running the month, send nothing more
        clock.advance(Duration.ofHours(1));
        assertEquals(0, cli(db, "run", "nightly-sync", "--jobs", jobs.toString()).code());
        assertEquals(0, cli(db, "run", "monthly-reports", "--month", "2026-10", "--jobs", jobs.toString()).code());
        assertThat(smtp.all()).hasSize(2);
        assertEquals(2L, warehouses.get(db).jdbc().queryForObject(
                "SELECT COUNT(*) FROM delivery_log WHERE tenant = 'outage' AND status = 'sent' AND attempts = 2", Long.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void staleDataIsHeldBackFromExecutivesAndOperationsAreToldWhy(String db) throws Exception {
        Path jobs = tenant(db, "stale", "maxSyncAgeHours: 36\n");
        clock.advance(Duration.ofHours(40));
        Result run = cli(db, "run", "monthly-reports", "--month", "2026-10", "--jobs", jobs.toString());
        assertEquals(1, run.code(), run::toString);
        assertThat(run.err()).contains("step deliver failed", "reports for 2026-10 held back from 2 recipients",
                "(maxSyncAgeHours: 36)");
        for (String exec : EXECUTIVES) {
            assertThat(smtp.to(exec)).isEmpty();
        }
        assertThat(smtp.to(OPERATIONS)).hasSize(1);
        Mails alert = Mails.read(smtp.to(OPERATIONS).get(0));
        assertEquals("[Leadledger] Opsco Ltd: reports for 2026-10 NOT sent to executives", alert.subject());
        assertThat(alert.text()).contains("the last successful nightly-sync ended", "40 h ago (maxSyncAgeHours: 36)");
        assertThat(alert.attachments()).isEmpty();
        assertEquals(0L, warehouses.get(db).jdbc().queryForObject(
                "SELECT COUNT(*) FROM delivery_log WHERE tenant = 'stale'", Long.class));
        assertThat(cli(db, "status", "--jobs", jobs.toString()).out()).contains("REPORTS HELD BACK: the last successful nightly-sync");

        // fresh data again (here: the clock back at the sync): the reports go out
        clock.advance(Duration.ofHours(-40));
        Result retry = cli(db, "run", "monthly-reports", "--month", "2026-10", "--jobs", jobs.toString());
        assertEquals(0, retry.code(), retry::toString);
        assertThat(smtp.to(EXECUTIVES.get(0))).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aFailedNightlyRunAlertsOperationsAndItsFailedSourceHoldsTheReportsBack(String db) throws Exception {
        Path jobs = tenant(db, "broken", "");
        Path dir = jobs.getParent();
        OpsTenant.brokenDeals(dir);
        Result sync = cli(db, "run", "nightly-sync", "--jobs", jobs.toString());
        assertEquals(1, sync.code(), sync::toString);
        long runId = Long.parseLong(sync.err().replaceAll("(?s).*leadledger restart (\\d+).*", "$1"));

        assertThat(smtp.to(OPERATIONS)).hasSize(1);
        Mails alert = Mails.read(smtp.to(OPERATIONS).get(0));
        assertEquals("[Leadledger] Opsco Ltd: nightly-sync run " + runId + " FAILED", alert.subject());
        assertThat(alert.text()).contains("Failed step: import:crm-deals:", "missing required columns",
                "leadledger restart " + runId + " --jobs " + jobs);

        // the sync before it was fine and recent, but a source failed since: executives get nothing
        Result reports = cli(db, "run", "monthly-reports", "--month", "2026-10", "--jobs", jobs.toString());
        assertEquals(1, reports.code(), reports::toString);
        for (String exec : EXECUTIVES) {
            assertThat(smtp.to(exec)).isEmpty();
        }
        assertThat(smtp.to(OPERATIONS)).hasSize(2);
        assertThat(Mails.read(smtp.to(OPERATIONS).get(1)).text())
                .contains("source 'crm-deals' failed in nightly-sync run " + runId, "missing required columns");

        // fixed and restarted: the reports go out
        OpsTenant.goodDeals(dir);
        Result restart = cli(db, "restart", Long.toString(runId), "--jobs", jobs.toString());
        assertEquals(0, restart.code(), restart::toString);
        Result again = cli(db, "run", "monthly-reports", "--month", "2026-10", "--jobs", jobs.toString());
        assertEquals(0, again.code(), again::toString);
        assertThat(smtp.to(EXECUTIVES.get(1))).hasSize(1);
        assertThat(smtp.to(OPERATIONS)).hasSize(2);
    }
}
