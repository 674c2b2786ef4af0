package io.leadledger.pipeline;

import io.leadledger.demo.DemoDataGenerator;
import io.leadledger.demo.DemoSummary;
import io.leadledger.jobs.Workspace;
import io.leadledger.ops.PipelineRunner;
import io.leadledger.ops.RunHistory;
import io.leadledger.report.Column;
import io.leadledger.report.Figures;
import io.leadledger.report.Kpi;
import io.leadledger.report.ReportDocument;
import io.leadledger.report.ReportService;
import io.leadledger.report.ReportTable;
import io.leadledger.report.ValueType;
import io.leadledger.support.TestWarehouse;
import io.leadledger.support.TestWorkspaces;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;

import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The whole path on the demo data set (seed 42, 18 months to 2026-10), on H2 and on MariaDB:
 * import -> reconcile -> the three reports. Checks the count audit, idempotent re-runs, identical
 * figures on both databases, and that the XLSX and PDF carry the figures of the marts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoPipelineTest {

    static final YearMonth MONTH = YearMonth.of(2026, 10);
    static final List<String> REPORTS = List.of("lead-production", "sales-performance", "roi");
    static final List<String> TABLES = List.of("stg_lead", "stg_deal", "stg_spend", "quarantine", "core_lead",
            "core_lead_member", "core_deal", "core_lead_deal_link", "core_lead_stage", "core_spend", "core_attribution",
            "mart_lead", "mart_channel_month", "fx_rate", "core_fx_daily", "core_removal_effect");

    Path tmp;
    DemoSummary demo;
    Workspace ws;
    final Map<String, Outcome> outcomes = new LinkedHashMap<>();

    record Outcome(TestWarehouse warehouse, Map<String, Long> countsFirst, Map<String, Long> countsReloaded,
                   Map<String, Long> countsUnchanged, List<ReportDocument> docsFirst, List<ReportDocument> docsReloaded) {
    }

    @BeforeAll
    void runPipelineOnBothDatabases() throws Exception {
        tmp = Files.createTempDirectory("leadledger-demo-test");
        Path input = tmp.resolve("input");
        ws = TestWorkspaces.demo(input);
        demo = new DemoDataGenerator(42, MONTH, ws.tenant().zone()).generate(input);
        outcomes.put("h2", run(TestWarehouse.h2(tmp.resolve("h2"))));
        outcomes.put("mariadb", run(TestWarehouse.mariadb("leadledger_test")));
    }

    private Outcome run(TestWarehouse w) throws Exception {
        PipelineRunner runner = w.bean(PipelineRunner.class);
        ReportService reports = w.bean(ReportService.class);
        assertCompleted(runner.runSync(ws));
        Map<String, Long> first = counts(w);
        List<ReportDocument> docsFirst = reports.build(ws, MONTH, REPORTS);
        // the same night again, files forgotten: everything is re-read and must land on the same rows
        w.jdbc().update("DELETE FROM source_file WHERE tenant = ?", ws.tenant().id());
        assertCompleted(runner.runSync(ws));
        Map<String, Long> reloaded = counts(w);
        List<ReportDocument> docsReloaded = reports.build(ws, MONTH, REPORTS);
        // and once more with the files unchanged: they are skipped
        assertCompleted(runner.runSync(ws));
        return new Outcome(w, first, reloaded, counts(w), docsFirst, docsReloaded);
    }

    @AfterAll
    void close() {
        outcomes.values().forEach(o -> o.warehouse().close());
    }

    private static void assertCompleted(JobExecution e) {
        assertEquals(BatchStatus.COMPLETED, e.getStatus(), () -> "run failed: " + e.getAllFailureExceptions());
    }

    private Map<String, Long> counts(TestWarehouse w) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String t : TABLES) {
            m.put(t, w.count(t, ws.tenant().id()));
        }
        return m;
    }

    @Test
    void everyFileBalancesAndMatchesTheRowsWritten() {
        for (Outcome o : outcomes.values()) {
            List<Map<String, Object>> audit = o.warehouse().jdbc().queryForList(
                    "SELECT * FROM run_audit WHERE tenant = ? AND run_id = (SELECT MIN(run_id) FROM run_audit)", ws.tenant().id());
            assertThat(audit).hasSize(5);
            for (Map<String, Object> a : audit) {
                long read = ((Number) a.get("rows_read")).longValue();
                assertEquals(read, ((Number) a.get("rows_loaded")).longValue() + ((Number) a.get("rows_quarantined")).longValue()
                        + ((Number) a.get("rows_duplicate")).longValue(), "balance of " + a);
                assertEquals("loaded", a.get("status"));
            }
            Map<String, Long> read = new LinkedHashMap<>();
            audit.forEach(a -> read.put((String) a.get("source_name"), ((Number) a.get("rows_read")).longValue()));
            assertEquals(demo.hubspotContacts(), read.get("hubspot"));
            assertEquals(demo.marketoLeads(), read.get("marketo"));
            assertEquals(demo.deals(), read.get("salesforce"));
            assertEquals(demo.spendRows(), read.get("google-ads") + read.get("budget"));
            long quarantined = audit.stream().mapToLong(a -> ((Number) a.get("rows_quarantined")).longValue()).sum();
            assertEquals(demo.dirtyRows(), quarantined, "every dirty row, and only those, is quarantined");
            // history shows the same balance
            RunHistory.Run run = o.warehouse().bean(RunHistory.class).recent(ws.tenant().id(), 10).stream()
                    .filter(r -> r.read() > 0).reduce((a, b) -> b).orElseThrow();
            assertThat(run.balanced()).isTrue();
            assertEquals(read.values().stream().mapToLong(Long::longValue).sum(), run.read());
        }
    }

    @Test
    void quarantinedRowsNameFileRowFieldAndReason() {
        for (Outcome o : outcomes.values()) {
            List<Map<String, Object>> q = o.warehouse().jdbc().queryForList(
                    "SELECT * FROM quarantine WHERE tenant = ? AND source_name = 'hubspot' ORDER BY row_num", ws.tenant().id());
            assertThat(q).isNotEmpty();
            for (Map<String, Object> r : q) {
                assertThat((String) r.get("source_file")).endsWith("hubspot-contacts.csv");
                assertThat(((Number) r.get("row_num")).longValue()).isGreaterThan(1);
                assertThat((String) r.get("field_name")).isIn("Record ID", "Create Date", "Email",
                        "Became a Marketing Qualified Lead Date", "Became a Sales Qualified Lead Date", "Date of first engagement");
                assertThat((String) r.get("reason")).isNotBlank();
                assertThat((String) r.get("raw_row")).startsWith("{\"Record ID\"");
            }
            assertThat(q).anySatisfy(r -> {
                assertThat(r.get("field_name")).isEqualTo("Email");
                assertThat(r.get("reason")).isEqualTo("not an e-mail address");
            });
        }
    }

    @Test
    void rerunningTheSameNightLeavesTheSameWarehouseAndFigures() {
        for (var e : outcomes.entrySet()) {
            Outcome o = e.getValue();
            Map<String, Long> first = new LinkedHashMap<>(o.countsFirst());
            Map<String, Long> again = new LinkedHashMap<>(o.countsReloaded());
            // the quarantine keeps one entry per failed load attempt: a re-read file quarantines its bad rows again
            assertEquals(2 * first.remove("quarantine"), again.remove("quarantine"), e.getKey());
            assertEquals(first, again, e.getKey() + ": table row counts after re-reading every file");
            assertEquals(o.countsReloaded(), o.countsUnchanged(), e.getKey() + ": unchanged files are skipped");
            assertSameFigures(figures(o.docsFirst()), figures(o.docsReloaded()), e.getKey() + ": report figures after re-run");
        }
    }

    @Test
    void h2AndMariaDbGiveTheSameFigures() {
        assertSameFigures(figures(outcomes.get("h2").docsFirst()), figures(outcomes.get("mariadb").docsFirst()), "H2 vs MariaDB");
        assertEquals(outcomes.get("h2").countsFirst(), outcomes.get("mariadb").countsFirst());
    }

    @Test
    void attributionIsIdenticalOnBothDatabasesAndEveryDealAddsUpUnderEveryModel() {
        Map<String, List<String>> dumps = new LinkedHashMap<>();
        for (var e : outcomes.entrySet()) {
            var jdbc = e.getValue().warehouse().jdbc();
            String t = ws.tenant().id();
            assertThat(jdbc.queryForList("SELECT DISTINCT model FROM core_attribution WHERE tenant = ?", String.class, t))
                    .containsExactlyInAnyOrderElementsOf(io.leadledger.jobs.AttributionSettings.MODELS);
            assertThat(jdbc.queryForList("""
                    SELECT CONCAT(a.record_id, ' ', a.model) FROM core_attribution a
                    JOIN core_deal d ON d.tenant = a.tenant AND d.source_name = a.source_name AND d.record_id = a.record_id
                    WHERE a.tenant = ? GROUP BY a.record_id, a.model, d.amount_rpt
                    HAVING SUM(a.credit_rpt) <> d.amount_rpt OR SUM(a.credit_share) <> 1""", String.class, t))
                    .as(e.getKey() + ": deals whose credits do not add up").isEmpty();
            assertThat(jdbc.queryForObject("""
                    SELECT COUNT(*) FROM core_deal d WHERE d.tenant = ? AND d.lead_key IS NOT NULL AND d.inconsistent = 0
                    AND NOT EXISTS (SELECT 1 FROM core_attribution a WHERE a.tenant = d.tenant AND a.source_name = d.source_name
                                    AND a.record_id = d.record_id AND a.model = 'markov')""", Long.class, t))
                    .as(e.getKey() + ": consistent linked deals without credit").isZero();
            assertThat(jdbc.queryForObject("""
                    SELECT COUNT(*) FROM core_attribution a
                    JOIN core_deal d ON d.tenant = a.tenant AND d.source_name = a.source_name AND d.record_id = a.record_id
                    JOIN core_lead l ON l.tenant = d.tenant AND l.lead_key = d.lead_key
                    WHERE a.tenant = ? AND a.model = 'first_touch' AND (a.touch_seq <> 1 OR a.touch_source <> l.primary_source
                      OR a.touch_record_id <> l.primary_record_id OR a.channel <> l.channel
                      OR a.campaign <> COALESCE(l.campaign, '(none)'))""", Long.class, t))
                    .as(e.getKey() + ": first touch credits the lead's own source and campaign, as core_lead has them").isZero();
            List<String> dump = new ArrayList<>(jdbc.query("""
                    SELECT record_id, model, touch_seq, channel, campaign, credit_share, credit_rpt, touch_record_id
                    FROM core_attribution WHERE tenant = ? ORDER BY source_name, record_id, model, touch_seq""",
                    (rs, i) -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getInt(3) + "|" + rs.getString(4) + "|"
                            + rs.getString(5) + "|" + norm(rs.getBigDecimal(6)) + "|" + norm(rs.getBigDecimal(7)) + "|"
                            + rs.getString(8), t));
            dump.addAll(jdbc.query("SELECT channel, journeys, conversions, removal_effect, share FROM core_removal_effect"
                    + " WHERE tenant = ? ORDER BY channel", (rs, i) -> rs.getString(1) + "|" + rs.getLong(2) + "|"
                    + rs.getLong(3) + "|" + norm(rs.getBigDecimal(4)) + "|" + norm(rs.getBigDecimal(5)), t));
            dumps.put(e.getKey(), dump);
        }
        assertThat(dumps.get("h2")).hasSizeGreaterThan(1000);
        assertEquals(dumps.get("h2"), dumps.get("mariadb"), "core_attribution and core_removal_effect, H2 vs MariaDB");
    }

    @Test
    void reportsMatchTheMarts() {
        for (Outcome o : outcomes.values()) {
            var jdbc = o.warehouse().jdbc();
            String t = ws.tenant().id();
            ReportDocument lp = doc(o.docsFirst(), "lead-production");
            assertEquals(jdbc.queryForObject("SELECT COUNT(*) FROM mart_lead WHERE tenant = ? AND created_month = 202610", Long.class, t),
                    lp.table("by-source").totals().get("leads"));
            assertEquals(0, jdbc.queryForObject("SELECT SUM(amount_rpt) FROM core_spend WHERE tenant = ? AND month_key = 202610",
                    BigDecimal.class, t).compareTo((BigDecimal) lp.table("by-source").totals().get("spend")));
            ReportDocument roi = doc(o.docsFirst(), "roi");
            BigDecimal won12 = jdbc.queryForObject("""
                    SELECT SUM(amount_rpt) FROM core_deal WHERE tenant = ? AND status = 'won'
                    AND YEAR(close_date) * 100 + MONTH(close_date) BETWEEN 202511 AND 202610""", BigDecimal.class, t);
            assertEquals(0, won12.compareTo((BigDecimal) roi.table("by-source").totals().get("revenue12")),
                    "12-month revenue: every won deal counted once, attributed or not");
        }
    }

    @Test
    void demoDataLooksLikeARealB2bFunnel() {
        Outcome o = outcomes.get("h2");
        ReportDocument sp = doc(o.docsFirst(), "sales-performance");
        Map<String, Object> total = sp.table("by-source").totals();
        long handed = (Long) total.get("handed");
        long accepted = (Long) total.get("accepted");
        long rejected = (Long) total.get("rejected");
        long never = (Long) total.get("neverTouched");
        assertThat((double) accepted / handed).isBetween(0.2, 0.4);
        assertThat((double) rejected / handed).isBetween(0.25, 0.5);
        assertThat((double) never / handed).isBetween(0.1, 0.35);
        assertThat((Long) total.get("won")).isPositive();
        ReportDocument roi = doc(o.docsFirst(), "roi");
        assertThat(roi.table("by-source").rows()).extracting(r -> r.get("channel"))
                .contains("Paid search", "Organic search", "LinkedIn Ads", "Webinar", "Trade show", "Content syndication",
                        "Referral", "Partner");
        var jdbc = o.warehouse().jdbc();
        assertThat(jdbc.queryForList("SELECT DISTINCT currency FROM core_deal ORDER BY currency", String.class))
                .containsExactly("EUR", "GBP", "USD");
        assertThat(jdbc.queryForList("SELECT DISTINCT currency FROM core_spend ORDER BY currency", String.class))
                .containsExactly("EUR", "USD");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM core_lead WHERE member_count > 1", Long.class))
                .as("people found in both marketing tools are merged").isGreaterThan(100);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM core_deal WHERE match_method = 'explicit_id'", Long.class)).isPositive();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM core_deal WHERE match_method = 'email'", Long.class)).isPositive();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM core_deal WHERE lead_key IS NULL", Long.class)).isPositive();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM core_deal WHERE inconsistent = 1", Long.class)).isPositive();
    }

    @Test
    void xlsxAndPdfCarryTheSameFigures() throws Exception {
        Outcome o = outcomes.get("h2");
        Path out = tmp.resolve("out");
        List<Path> files = o.warehouse().bean(ReportService.class).generate(ws, MONTH, out, List.of("pdf", "xlsx"));
        assertThat(files).hasSize(6);
        for (ReportDocument doc : o.docsFirst()) {
            Path dir = out.resolve(ws.tenant().id()).resolve(MONTH.toString());
            checkXlsx(doc, dir.resolve(doc.id() + "-" + MONTH + ".xlsx").toFile());
            checkPdf(doc, dir.resolve(doc.id() + "-" + MONTH + ".pdf").toFile());
        }
    }

    private void checkXlsx(ReportDocument doc, File file) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(file)) {
            Sheet summary = wb.getSheet("Summary");
            int r = 4;
            for (Kpi k : doc.kpis()) {
                Row row = summary.getRow(r++);
                assertEquals(k.label(), row.getCell(0).getStringCellValue());
                if (k.value() != null) {
                    assertEquals(CellType.NUMERIC, row.getCell(1).getCellType(), k.label());
                    assertEquals(k.value().doubleValue(), row.getCell(1).getNumericCellValue(), 1e-9, k.label());
                }
            }
            ReportTable t = doc.table("by-source");
            Sheet s = wb.getSheetAt(1 + new ArrayList<>(doc.tables().keySet()).indexOf("by-source"));
            assertThat(s).as(doc.id() + " sheet " + t.title()).isNotNull();
            List<Map<String, Object>> rows = new ArrayList<>(t.rows());
            rows.add(t.totals());
            for (int i = 0; i < rows.size(); i++) {
                Row row = s.getRow(i + 1);
                for (int c = 0; c < t.columns().size(); c++) {
                    Column col = t.columns().get(c);
                    Object v = rows.get(i).get(col.key());
                    Cell cell = row.getCell(c);
                    if (v == null) {
                        assertThat(cell == null || cell.getCellType() == CellType.BLANK).isTrue();
                    } else if (col.type() == ValueType.TEXT) {
                        assertEquals(v, cell.getStringCellValue());
                    } else {
                        double actual = cell.getCellType() == CellType.FORMULA ? cell.getNumericCellValue() : cell.getNumericCellValue();
                        assertThat(cell.getCellType()).isIn(CellType.NUMERIC, CellType.FORMULA);
                        assertEquals(new BigDecimal(v.toString()).doubleValue(), actual, 1e-6, doc.id() + " " + col.key());
                    }
                }
            }
            assertThat(wb.getSheet("Definitions")).isNotNull();
        }
    }

    private void checkPdf(ReportDocument doc, File file) throws Exception {
        try (PDDocument pdf = Loader.loadPDF(file)) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains(doc.title(), doc.tenantName(), "Page 1 of");
            for (Kpi k : doc.kpis()) {
                assertThat(text).as(doc.id() + " KPI " + k.label()).contains(Figures.format(k.value(), k.type()));
            }
            ReportTable t = doc.table("by-source");
            for (Map<String, Object> row : t.rows()) {
                for (Column c : t.columns()) {
                    if (c.type() != ValueType.TEXT && row.get(c.key()) != null) {
                        assertThat(text).as(doc.id() + " " + row.get("channel") + " " + c.key())
                                .contains(Figures.format(row.get(c.key()), c.type()));
                    }
                }
            }
            assertThat(text).doesNotContain("@").as("no personal e-mail addresses in the executive PDF");
        }
    }

    static void assertSameFigures(Map<String, Object> expected, Map<String, Object> actual, String what) {
        assertEquals(expected.keySet(), actual.keySet(), what);
        for (String k : expected.keySet()) {
            assertEquals(expected.get(k), actual.get(k), what + ": " + k);
        }
    }

    static ReportDocument doc(List<ReportDocument> docs, String id) {
        return docs.stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }

    /** The figures of the reports, independent of the scale a database returns decimals with. */
    static Map<String, Object> figures(List<ReportDocument> docs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (ReportDocument d : docs) {
            for (Kpi k : d.kpis()) {
                m.put(d.id() + "/kpi/" + k.key(), norm(k.value()) + " prev " + norm(k.previous()));
            }
            for (ReportTable t : d.tables().values()) {
                List<String> rows = new ArrayList<>();
                for (Map<String, Object> r : t.rows()) {
                    rows.add(row(r));
                }
                if (t.totals() != null) {
                    rows.add("TOTAL " + row(t.totals()));
                }
                m.put(d.id() + "/" + t.key(), rows);
            }
        }
        return m;
    }

    private static String row(Map<String, Object> r) {
        StringBuilder sb = new StringBuilder();
        r.forEach((k, v) -> sb.append(k).append('=').append(norm(v)).append(' '));
        return sb.toString();
    }

    private static String norm(Object v) {
        return v instanceof BigDecimal b ? b.stripTrailingZeros().toPlainString() : String.valueOf(v);
    }
}
