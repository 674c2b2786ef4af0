package io.leadledger.pipeline;

import io.leadledger.jobs.Workspace;
import io.leadledger.ops.PipelineRunner;
import io.leadledger.report.ReportService;
import io.leadledger.report.document.Column;
import io.leadledger.report.document.Kpi;
import io.leadledger.report.document.ReportDocument;
import io.leadledger.report.document.ReportTable;
import io.leadledger.report.insights.Insight;
import io.leadledger.support.TestWarehouse;
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

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static io.leadledger.pipeline.NoSpendFunnel.MONTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The no-spend funnel ({@link NoSpendFunnel}: MQLs, won deals of amount 0, no spend, no sales-activity column)
 * and tenant "mix" (no hand-off dates; spend on campaigns no lead has) through the whole pipeline on H2 and
 * MariaDB. Report figures are compared with figures computed here from the generated rows; nothing the tenant did
 * not supply may appear as a number. The files are kept in target/funnel-reports/ to be looked at.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoSpendFunnelPipelineTest {

    static final List<String> REPORTS = List.of("lead-production", "sales-performance", "roi");
    final NoSpendFunnel funnel = new NoSpendFunnel(7, 3000);
    final Map<String, Run> runs = new LinkedHashMap<>();
    Workspace funnelWs;
    Workspace mixWs;

    record Run(TestWarehouse warehouse, Map<String, ReportDocument> funnel, Map<String, ReportDocument> mix,
               List<Path> funnelFiles, List<Path> mixFiles) {
    }

    @BeforeAll
    void runBoth() throws Exception {
        Path tmp = Files.createTempDirectory("leadledger-funnel");
        funnelWs = Workspace.load(funnel.write(tmp.resolve("funnel")));
        mixWs = Workspace.load(NoSpendFunnel.writeMix(tmp.resolve("mix")));
        runs.put("h2", run(TestWarehouse.h2(tmp.resolve("h2")), "h2"));
        runs.put("mariadb", run(TestWarehouse.mariadb("leadledger_funnel"), "mariadb"));
    }

    private Run run(TestWarehouse w, String name) throws Exception {
        PipelineRunner runner = w.bean(PipelineRunner.class);
        ReportService reports = w.bean(ReportService.class);
        for (Workspace ws : List.of(funnelWs, mixWs)) {
            var e = runner.runSync(ws);
            assertEquals(BatchStatus.COMPLETED, e.getStatus(), () -> "run failed: " + e.getAllFailureExceptions());
        }
        Path out = Path.of("target/funnel-reports", name);
        return new Run(w, byId(reports.build(funnelWs, MONTH, REPORTS)), byId(reports.build(mixWs, MONTH, REPORTS)),
                reports.generate(funnelWs, MONTH, out, List.of("pdf", "xlsx")),
                reports.generate(mixWs, MONTH, out, List.of("pdf", "xlsx")));
    }

    private static Map<String, ReportDocument> byId(List<ReportDocument> docs) {
        Map<String, ReportDocument> m = new LinkedHashMap<>();
        docs.forEach(d -> m.put(d.id(), d));
        return m;
    }

    @AfterAll
    void close() {
        runs.values().forEach(r -> r.warehouse().close());
    }

    // ---------------------------------------------------------------- expected figures, from the generated rows

    private List<NoSpendFunnel.Deal> wonIn12() {
        YearMonth first = MONTH.minusMonths(11);
        return funnel.deals.stream().filter(NoSpendFunnel.Deal::won)
                .filter(d -> !YearMonth.from(d.close()).isBefore(first) && !YearMonth.from(d.close()).isAfter(MONTH)).toList();
    }

    private boolean hasDeal(NoSpendFunnel.Lead l) {
        return funnel.deals.stream().anyMatch(d -> d.lead() == l);
    }

    private static Map<String, Object> row(ReportTable t, String key, String value) {
        return t.rows().stream().filter(r -> value.equals(r.get(key))).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + value + " in " + t.key() + ": " + t.rows()));
    }

    private static long n(Object v) {
        return ((Number) v).longValue();
    }

    private static BigDecimal dec(Object v) {
        return new BigDecimal(v.toString());
    }

    // ---------------------------------------------------------------- point 1: return by source

    @Test
    void returnBySourceHasEverySourceThatWonCustomersAndItsTotalsAreTheFacts() {
        Map<String, long[]> expected = new TreeMap<>();
        for (NoSpendFunnel.Deal d : wonIn12()) {
            long[] e = expected.computeIfAbsent(d.lead().channel(), k -> new long[2]);
            e[0]++;
            e[1] += d.amount().longValue();
        }
        assertThat(expected.values().stream().mapToLong(e -> e[0]).sum()).isGreaterThan(100);
        // a source with customers and nothing else: no revenue, no pipeline, no spend
        assertThat(expected.get("organic_search")[0]).isGreaterThan(10);
        assertThat(expected.get("organic_search")[1]).isZero();
        for (Run r : runs.values()) {
            ReportTable t = r.funnel().get("roi").table("by-source");
            for (Map.Entry<String, long[]> e : expected.entrySet()) {
                Map<String, Object> row = row(t, "channel", e.getKey());
                assertThat(dec(row.get("customers12"))).isEqualByComparingTo(BigDecimal.valueOf(e.getValue()[0]));
                assertThat(dec(row.get("revenue12"))).isEqualByComparingTo(BigDecimal.valueOf(e.getValue()[1]));
            }
            long customers = expected.values().stream().mapToLong(e -> e[0]).sum();
            assertThat(dec(t.totals().get("customers12"))).isEqualByComparingTo(BigDecimal.valueOf(customers));
            // the same figure as the workbook's "Spend and revenue, last 12 months" total
            assertThat(dec(r.funnel().get("roi").table("trend").totals().get("customers"))).isEqualByComparingTo(BigDecimal.valueOf(customers));
        }
    }

    // ---------------------------------------------------------------- point 7: deal owner

    @Test
    void dealOutcomesCountByTheDealOwnerAndHandOversByTheLeadOwner() {
        for (Run r : runs.values()) {
            ReportTable t = r.funnel().get("sales-performance").table("by-owner");
            for (String owner : NoSpendFunnel.DEAL_OWNERS) {
                long won = funnel.deals.stream().filter(d -> d.won() && d.owner().equals(owner)).count();
                long lost = funnel.deals.stream().filter(d -> d.lost() && d.owner().equals(owner)).count();
                Map<String, Object> row = row(t, "owner", owner);
                assertEquals(won, n(row.get("won")), owner);
                assertEquals(lost, n(row.get("lost")), owner);
                assertEquals(0L, n(row.get("handed")), owner + " owns deals, no leads");
            }
            for (String owner : NoSpendFunnel.LEAD_OWNERS) {
                Map<String, Object> row = row(t, "owner", owner);
                assertEquals(funnel.leads.stream().filter(l -> l.owner().equals(owner)).count(), n(row.get("handed")), owner);
                assertEquals(0L, n(row.get("won")), owner + " owns leads, no deals");
            }
            assertThat(r.funnel().get("sales-performance").definitions())
                    .anyMatch(d -> d.term().equals("By sales owner") && d.meaning().contains("deal's owner"));
        }
    }

    // ---------------------------------------------------------------- point 8: no spend

    @Test
    void withoutSpendNoCostFigureIsShownAndTheAbsenceIsSaidOnce() throws Exception {
        for (Run r : runs.values()) {
            for (ReportDocument doc : r.funnel().values()) {
                for (ReportTable t : doc.tables().values()) {
                    if (t.key().startsWith("data-coverage") || t.key().equals("insight-changes")) {
                        continue;
                    }
                    assertThat(t.columns()).extracting(Column::key)
                            .as(doc.id() + " / " + t.key())
                            .doesNotContain("spend", "cpl", "spendMonth", "spend12", "roiMonth", "roi12", "roas12", "cac12", "roiToDate");
                }
                assertThat(doc.kpis()).extracting(Kpi::key).doesNotContain("spend", "cpl", "spendMonth", "spend12", "roiMonth",
                        "roi12", "roas12", "cac12");
                assertThat(doc.insights()).noneMatch(i -> i.sentence().startsWith("Cut ") || i.sentence().contains("won back")
                        || i.sentence().contains("Cost per lead"));
            }
            assertThat(r.funnel().get("roi").table("insight-changes").columns()).extracting(Column::key)
                    .noneMatch(k -> k.startsWith("spend") || k.startsWith("cpl"));
            assertThat(r.funnel().get("roi").insights()).filteredOn(i -> i.kind().isRecommendation()).hasSize(1)
                    .allMatch(i -> i.sentence().contains("no spend was supplied"));
            for (Path f : r.funnelFiles()) {
                if (!f.toString().endsWith(".pdf")) {
                    continue;
                }
                String text = pdfText(f);
                assertThat(text).doesNotContain("Cost per lead", "CAC (12", "ROAS (12", "ROI (12", "ROI (month", "ROI to date", "Cut ");
                if (!f.getFileName().toString().startsWith("sales-performance")) {
                    assertEquals(1, count(text, "Spend not supplied"), f + " says it once:\n" + text);
                }
            }
        }
    }

    @Test
    void theSummaryOfTheNoSpendWorkbookHasNoCostTiles() throws Exception {
        for (Run r : runs.values()) {
            Path xlsx = r.funnelFiles().stream().filter(p -> p.getFileName().toString().equals("roi-" + MONTH + ".xlsx"))
                    .findFirst().orElseThrow();
            try (XSSFWorkbook wb = new XSSFWorkbook(xlsx.toFile())) {
                List<String> labels = new ArrayList<>();
                for (Row row : wb.getSheet("Summary")) {
                    Cell c = row.getCell(0);
                    if (c != null && c.getCellType() == CellType.STRING) {
                        labels.add(c.getStringCellValue());
                    }
                }
                assertThat(labels).contains("Revenue won (12 mo)", "Customers won (12 mo)")
                        .noneMatch(l -> l.startsWith("CAC") || l.startsWith("ROI") || l.startsWith("Spend"));
                Sheet coverage = wb.getSheet("Data coverage");
                assertThat(coverage).isNotNull();
                boolean spendRow = false;
                for (Row row : coverage) {
                    if (row.getRowNum() > 0 && row.getCell(1).getStringCellValue().equals("Spend")) {
                        spendRow = true;
                        assertEquals("no", row.getCell(2).getStringCellValue());
                        assertEquals(CellType.NUMERIC, row.getCell(3).getCellType(), "a count is a number");
                    }
                }
                assertThat(spendRow).isTrue();
            }
        }
    }

    // ---------------------------------------------------------------- point 9: no sales-activity field

    @Test
    void withoutSalesActivityNeverTouchedIsNotMeasuredAndLeadFiguresMatch() throws Exception {
        Map<String, long[]> expected = new TreeMap<>();   // leads, accepted, rejected, pending in the month
        for (NoSpendFunnel.Lead l : funnel.leads) {
            if (!YearMonth.from(l.created()).equals(MONTH)) {
                continue;
            }
            long[] e = expected.computeIfAbsent(l.channel(), k -> new long[4]);
            e[0]++;
            boolean accepted = l.sql() != null || hasDeal(l);
            e[accepted ? 1 : l.rejected() ? 2 : 3]++;
        }
        for (Run r : runs.values()) {
            ReportDocument lp = r.funnel().get("lead-production");
            ReportTable t = lp.table("by-source");
            assertThat(t.columns()).extracting(Column::key).doesNotContain("neverTouched").contains("pending");
            for (Map.Entry<String, long[]> e : expected.entrySet()) {
                Map<String, Object> row = row(t, "channel", e.getKey());
                long[] v = e.getValue();
                assertEquals(v[0], n(row.get("leads")), e.getKey());
                assertEquals(v[0], n(row.get("handed")), e.getKey());
                assertEquals(v[1], n(row.get("accepted")), e.getKey());
                assertEquals(v[2], n(row.get("rejected")), e.getKey());
                assertEquals(v[3], n(row.get("pending")), e.getKey());
                // accepted ÷ (accepted + rejected): leads without a verdict are not counted as neglected
                assertThat(dec(row.get("acceptanceRate"))).isEqualByComparingTo(
                        BigDecimal.valueOf(v[1]).divide(BigDecimal.valueOf(v[1] + v[2]), 3, java.math.RoundingMode.HALF_UP));
            }
            ReportDocument sp = r.funnel().get("sales-performance");
            for (String key : List.of("by-source", "cohorts", "by-owner")) {
                assertThat(sp.table(key).columns()).extracting(Column::key).doesNotContain("neverTouched");
            }
            // nor does a lead's row in the workbook say "never touched"
            Path xlsx = r.funnelFiles().stream().filter(p -> p.getFileName().toString().equals("sales-performance-" + MONTH + ".xlsx"))
                    .findFirst().orElseThrow();
            try (XSSFWorkbook wb = new XSSFWorkbook(xlsx.toFile())) {
                Sheet handed = wb.getSheet("Leads handed (12 mo)");
                assertEquals(funnel.leads.size(), handed.getLastRowNum(), "one row per handed lead");
                for (Row row : handed) {
                    for (Cell c : row) {
                        if (c.getCellType() == CellType.STRING) {
                            assertThat(c.getStringCellValue()).isNotEqualTo("never_touched");
                        }
                    }
                }
            }
            Map<String, Object> dq = sp.table("data-quality").rows().get(0);
            assertThat((String) dq.get("check")).contains("not measured");
            assertThat(dq.get("count")).isNull();
            for (Path f : r.funnelFiles()) {
                if (f.toString().endsWith(".pdf") && !f.getFileName().toString().startsWith("roi")) {
                    String text = pdfText(f);
                    assertThat(text).contains("not measured");
                    assertThat(text).doesNotContainPattern("Never touched\\s+\\d");
                }
            }
        }
    }

    // ---------------------------------------------------------------- point 10: no hand-off date

    @Test
    void withoutHandOffDatesSalesPerformanceSaysSoInsteadOfZeros() throws Exception {
        for (Run r : runs.values()) {
            ReportDocument sp = r.mix().get("sales-performance");
            assertThat(sp.kpis()).isEmpty();
            assertThat(sp.table("cohorts").rows()).isEmpty();
            assertThat(sp.table("notes").rows()).anyMatch(n -> n.get("note").toString().startsWith("Hand-off dates not supplied"));
            String text = pdfText(r.mixFiles().stream().filter(p -> p.toString().endsWith("sales-performance-" + MONTH + ".pdf"))
                    .findFirst().orElseThrow());
            assertThat(text).contains("Hand-off dates not supplied").contains("handedAt: createdAt");
            // the ROI report of the same tenant has its revenue: 12 deals of 5,000
            assertThat(dec(r.mix().get("roi").table("by-source").totals().get("revenue12"))).isEqualByComparingTo("60000");
        }
    }

    // ---------------------------------------------------------------- point 11: before the data begins

    @Test
    void monthsBeforeTheDataBeginsAreNotComparedWith() {
        String yearAgo = "Oct 2025";   // the data begin in Dec 2025 (funnel) and Jan 2026 (mix)
        for (Run r : runs.values()) {
            for (Map<String, ReportDocument> docs : List.of(r.funnel(), r.mix())) {
                ReportDocument lp = docs.get("lead-production");
                assertThat(lp.insights()).noneMatch(i -> i.sentence().contains(yearAgo));
                assertThat(lp.insights()).filteredOn(i -> i.subject() != null && i.subject().equals("New leads"))
                        .allMatch(i -> i.sentence().contains("Sep 2026"));
                assertThat(lp.table("insight-changes").columns()).extracting(Column::label).noneMatch(l -> l.contains(yearAgo));
            }
        }
    }

    // ---------------------------------------------------------------- point 13: cut only lead campaigns

    @Test
    void spendOnCampaignsNoLeadHasIsUnallocatedNotCut() {
        for (Run r : runs.values()) {
            ReportDocument roi = r.mix().get("roi");
            assertThat(roi.insights()).noneMatch(i -> i.sentence().startsWith("Cut "));
            ReportTable judged = roi.table("insight-campaigns");
            assertThat(row(judged, "campaign", "SEO retainer").get("verdict").toString()).startsWith("not judged: unallocated");
            assertThat(row(judged, "campaign", "Booth deposit").get("verdict").toString()).startsWith("not judged: unallocated");
            // Brand: 30,000 spent, 12 leads won 5,000 each: kept
            assertEquals("keep", row(judged, "campaign", "Brand").get("verdict"));
            ReportTable u = roi.table("unallocated-spend");
            assertThat(dec(row(u, "channel", "Paid search").get("unallocated"))).isEqualByComparingTo("20000");
            assertThat(dec(row(u, "channel", "Paid search").get("spend"))).isEqualByComparingTo("50000");
            assertThat(dec(row(u, "channel", "Trade show").get("unallocated"))).isEqualByComparingTo("8000");
            assertThat(dec(u.totals().get("unallocated"))).isEqualByComparingTo("28000");
            assertThat(roi.insights()).anyMatch(i -> i.kind() == Insight.Kind.NOTE && i.sentence().equals("Unallocated spend: "
                    + "USD 28,000 in the last 12 months went to campaigns no lead was created under (Paid search USD 20,000, "
                    + "Trade show USD 8,000); it is not judged for a cut."));
        }
    }

    // ---------------------------------------------------------------- point 14: no placeholder in a sentence

    private static final Pattern PLACEHOLDER = Pattern.compile("(^|[\\s(])\u2013([\\s).,]|$)");

    @Test
    void noSentenceHoldsAPlaceholder() {
        for (Run r : runs.values()) {
            for (Map<String, ReportDocument> docs : List.of(r.funnel(), r.mix())) {
                for (ReportDocument d : docs.values()) {
                    d.insights().forEach(i -> assertThat(PLACEHOLDER.matcher(i.sentence()).find()).as(i.sentence()).isFalse());
                    d.definitions().forEach(x -> assertThat(PLACEHOLDER.matcher(x.meaning()).find()).as(x.meaning()).isFalse());
                }
            }
        }
    }

    @Test
    void aLongSourceNameIsNotBrokenMidWordInThePdf() throws Exception {
        for (Run r : runs.values()) {
            for (Path f : r.funnelFiles()) {
                if (f.toString().endsWith(".pdf")) {
                    String text = pdfText(f).replace("\u200A", "");
                    assertThat(text).as(f.toString()).doesNotContainPattern("content_syndicati?o?\\s*\\n\\s*[a-z]{1,3}\\b");
                }
            }
        }
    }

    // ---------------------------------------------------------------- coverage and both databases

    @Test
    void coverageSaysWhatIsMissingBySource() throws Exception {
        for (Run r : runs.values()) {
            ReportTable c = r.funnel().get("roi").table("data-coverage");
            Map<String, String> status = new TreeMap<>();
            c.rows().forEach(x -> status.put(x.get("source") + " / " + x.get("input"), (String) x.get("status")));
            assertEquals("yes", status.get("crm-contacts / Hand-off date"));
            assertEquals("partly", status.get("crm-contacts / Acceptance / rejection status"));
            assertEquals("no", status.get("crm-contacts / First sales activity"));
            assertEquals("partly", status.get("crm-deals / Deal amounts (non-zero)"));
            assertEquals("yes", status.get("crm-deals / Deal owner"));
            assertEquals("no", status.get("(no spend export) / Spend"));
            long nonZero = funnel.deals.stream().filter(d -> d.amount().signum() != 0
                    && !YearMonth.from(d.close()).isBefore(MONTH.minusMonths(11)) && !YearMonth.from(d.close()).isAfter(MONTH)).count();
            assertEquals(nonZero, n(row(c, "input", "Deal amounts (non-zero)").get("withValue")));
        }
        for (Run r : runs.values()) {
            for (Path f : r.funnelFiles()) {
                if (f.toString().endsWith(".pdf")) {
                    assertThat(pdfText(f)).contains("Data coverage", "(no spend export)", "First sales activity");
                }
            }
        }
    }

    @Test
    void bothDatabasesGiveTheSameFigures() {
        Run h2 = runs.get("h2");
        Run maria = runs.get("mariadb");
        for (String id : REPORTS) {
            for (String key : h2.funnel().get(id).tables().keySet()) {
                assertEquals(String.valueOf(h2.funnel().get(id).table(key).rows()), String.valueOf(maria.funnel().get(id).table(key).rows()),
                        id + " / " + key);
            }
            assertEquals(h2.funnel().get(id).kpis(), maria.funnel().get(id).kpis(), id);
        }
    }

    private static String pdfText(Path f) throws Exception {
        try (PDDocument d = Loader.loadPDF(f.toFile())) {
            return new PDFTextStripper().getText(d);
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
