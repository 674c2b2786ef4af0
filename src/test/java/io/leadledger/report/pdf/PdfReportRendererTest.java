package io.leadledger.report.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.leadledger.report.Figures;
import io.leadledger.report.document.Column;
import io.leadledger.report.document.Definition;
import io.leadledger.report.document.Kpi;
import io.leadledger.report.document.ReportDocument;
import io.leadledger.report.document.ReportTable;
import io.leadledger.report.document.ValueType;
import io.leadledger.report.insights.Insight;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders the three monthly reports from realistic documents and reads the PDFs back with PDFBox. */
class PdfReportRendererTest {

    static final Path OUT = Path.of("target", "test-pdf");
    static final String TENANT = "Northwind Analytics GmbH";
    static final YearMonth MONTH = YearMonth.of(2026, 10);
    static final ZonedDateTime GENERATED = ZonedDateTime.of(2026, 11, 2, 8, 15, 0, 0, ZoneId.of("Europe/Berlin"));
    static final List<String> CHANNELS = List.of("Paid search", "Organic search", "LinkedIn Ads", "Webinar",
            "Trade show", "Content syndication", "Referral", "Partner");

    /** One renderer for all tests: also exercises the per-instance template cache. */
    static PdfReportRenderer renderer;

    @BeforeAll
    static void setUp() throws IOException {
        Files.createDirectories(OUT);
        renderer = new PdfReportRenderer(Path.of("report-templates"));
    }

    // ------------------------------------------------------------------ tests

    @Test
    void leadProduction() throws IOException {
        ReportDocument doc = leadProductionDoc();
        String text = renderAndExtract(doc);
        assertCommon(doc, text);
        assertFigures(text, doc.table("by-source"), "leads", "spend", "cpl", "handed", "acceptanceRate");
        assertFigures(text, doc.table("by-campaign"), "leads", "spend");
        assertThat(text).contains("Hybrid cloud cost optimisation");  // a long campaign name, wrapped not cut
        assertThat(text).contains("Definitions", "Cost per lead", "Appendix");
        assertThat(text).contains("/data/inbound/northwind/2026-10/");  // start of a long audit file path
    }

    @Test
    void salesPerformance() throws IOException {
        ReportDocument doc = salesPerformanceDoc();
        String text = renderAndExtract(doc);
        assertCommon(doc, text);
        assertFigures(text, doc.table("by-source"), "handed", "won", "lost", "leadToWonRate", "winRate",
                "medianSpeedToLeadHours", "medianDaysToClose", "revenueWon", "revenuePerLead");
        assertFigures(text, doc.table("cohorts"), "handed", "revenueWon");
        assertThat(text).contains("Leads without a CRM owner");  // data-quality table in the appendix
        assertThat(text).doesNotContain("Jane Whitfield");  // by-owner holds personal names: never printed
    }

    @Test
    void roi() throws IOException {
        ReportDocument doc = roiDoc();
        String text = renderAndExtract(doc);
        assertCommon(doc, text);
        assertFigures(text, doc.table("by-source"), "spendMonth", "revenueMonth", "roiMonth", "spend12",
                "revenue12", "roi12", "roas12", "customers12", "cac12", "pipeline12");
        assertFigures(text, doc.table("cohorts"), "spend", "revenueToDate", "roiToDate");
    }

    @Test
    void insightsFillThePageAfterTheHeadlineFigures() throws IOException {
        for (ReportDocument doc : List.of(leadProductionDoc(), salesPerformanceDoc(), roiDoc())) {
            Path file = OUT.resolve("insights-" + doc.id() + ".pdf");
            renderer.render(doc, file);
            String page1 = flat(extract(file, 1, 1));
            assertThat(page1).as(doc.id()).contains("What to do", "What changed", "CUT", "GROW", "CHANGE");
            for (Insight in : doc.insights()) {
                assertThat(page1).as(doc.id() + " page 1").contains(flat(in.sentence()));
            }
            // the charts and tables start on page 2
            assertThat(flat(extract(file, 2, 2))).doesNotContain("What to do");
        }
    }

    @Test
    void roiComparesTheAttributionModelsPresent() throws IOException {
        ReportDocument doc = roiDoc();
        String text = extract(OUT.resolve("roi-models.pdf"), doc);
        ReportTable models = doc.table("model-comparison");
        assertFigures(text, models, "m1", "m2", "m3");
        assertThat(flat(text)).contains("Revenue by attribution model", "First touch (default)", "U-shaped",
                "Attribution model weights", "40% first touch, 20% shared by the touches between, 40% the lead-creation touch.");
    }

    @Test
    void groupedTableListsEachGroupsSubtotalAboveItsRows() {
        ReportDocument doc = leadProductionDoc();
        ReportTable t = doc.table("by-campaign");
        List<Map<String, ?>> rows = new ArrayList<>();
        try {
            var ds = new PdfData(doc).rows("by-campaign");
            var fields = new String[] {"channel", "campaign", "leads", PdfData.GROUP_FLAG, PdfData.TOTAL_FLAG};
            while (ds.next()) {
                Map<String, Object> r = new LinkedHashMap<>();
                for (String f : fields) {
                    r.put(f, ds.getFieldValue(field(f)));
                }
                rows.add(r);
            }
        } catch (net.sf.jasperreports.engine.JRException e) {
            throw new IllegalStateException(e);
        }
        assertThat(rows).hasSize(t.rows().size() + t.subtotals().size() + 1);
        String group = null;
        long sum = 0;
        for (Map<String, ?> r : rows) {
            if (Boolean.TRUE.equals(r.get(PdfData.GROUP_FLAG)) || Boolean.TRUE.equals(r.get(PdfData.TOTAL_FLAG))) {
                if (group != null) {
                    assertThat(sum).as("campaigns of " + group + " add up to its subtotal")
                            .isEqualTo(t.subtotals().get(group).get("leads"));
                }
                group = (String) r.get("channel");
                sum = 0;
            } else {
                assertThat(r.get("channel")).as("campaign under its own source").isEqualTo(group);
                sum += (Long) r.get("leads");
            }
        }
        assertThat(rows.get(rows.size() - 1).get(PdfData.TOTAL_FLAG)).isEqualTo(Boolean.TRUE);
        assertThat(rows.get(0).get(PdfData.GROUP_FLAG)).isEqualTo(Boolean.TRUE);
    }

    @Test
    void paperSizeIsA4OrLetter() throws IOException {
        ReportDocument doc = leadProductionDoc();
        Path a4 = OUT.resolve("lead-production-a4.pdf");
        Path letter = OUT.resolve("lead-production-letter.pdf");
        renderer.render(doc, a4);
        renderer.render(doc, letter, PaperSize.LETTER);
        try (PDDocument pa = Loader.loadPDF(a4.toFile()); PDDocument pl = Loader.loadPDF(letter.toFile())) {
            for (PDPage page : pa.getPages()) {
                assertThat(page.getMediaBox().getWidth()).isEqualTo(595f);
                assertThat(page.getMediaBox().getHeight()).isEqualTo(842f);
            }
            for (PDPage page : pl.getPages()) {
                assertThat(page.getMediaBox().getWidth()).isEqualTo(612f);
                assertThat(page.getMediaBox().getHeight()).isEqualTo(792f);
            }
            // same content on the shorter page: every figure still printed, on at least as many pages
            assertThat(pl.getNumberOfPages()).isGreaterThanOrEqualTo(pa.getNumberOfPages());
        }
        String text = extract(letter);
        assertCommon(doc, text);
        assertFigures(text, doc.table("by-source"), "leads", "spend", "cpl", "handed", "acceptanceRate");
        assertThat(renderer.template("lead-production", PaperSize.LETTER)).isNotSameAs(renderer.template("lead-production"));
        assertThat(PaperSize.of("letter")).isEqualTo(PaperSize.LETTER);
        assertThatThrownBy(() -> PaperSize.of("A3")).hasMessageContaining("A4 or Letter");
    }

    @Test
    void documentWithEmptyAndMissingTablesRenders() throws IOException {
        for (String id : List.of("lead-production", "sales-performance", "roi")) {
            Map<String, ReportTable> tables = new LinkedHashMap<>();
            // by-source present without rows, everything else missing
            tables.put("by-source", new ReportTable("by-source", "By source",
                    List.of(new Column("channel", "Source", ValueType.TEXT)), List.of(), null));
            ReportDocument doc = new ReportDocument(id, "Empty " + id, TENANT, MONTH, "USD", GENERATED,
                    List.of(), tables, List.of());
            Path file = OUT.resolve("empty-" + id + ".pdf");
            renderer.render(doc, file);
            String text = extract(file);
            assertThat(text).contains("Empty " + id, TENANT, "Page 1 of", "No data", "No definitions");
        }
    }

    @Test
    void documentWithoutAnyTablesKpisOrDefinitionsRenders() throws IOException {
        ReportDocument doc = new ReportDocument("roi", "Marketing ROI", TENANT, MONTH, null, null, null, Map.of(),
                null);
        Path file = OUT.resolve("bare-roi.pdf");
        renderer.render(doc, file);
        assertThat(extract(file)).contains("Marketing ROI", "No data");
    }

    @Test
    void printsOnlyTheColumnsTheTableLists() throws IOException {
        ReportDocument full = leadProductionDoc();
        ReportTable src = full.table("by-source");
        List<Column> fewer = src.columns().stream().filter(c -> !c.key().equals("pending")).toList();
        Map<String, ReportTable> tables = new LinkedHashMap<>(full.tables());
        tables.put("by-source", new ReportTable(src.key(), src.title(), fewer, src.rows(), src.totals()));
        ReportDocument doc = new ReportDocument(full.id(), full.title(), full.tenantName(), full.month(),
                full.currency(), full.generatedAt(), full.kpis(), tables, full.definitions());
        Path file = OUT.resolve("lead-production-without-pending.pdf");
        renderer.render(doc, file);
        String text = extract(file);
        assertThat(text).doesNotContain("Pending");
        assertThat(text).contains(Figures.format(src.totals().get("acceptanceRate"), ValueType.PERCENT));
    }

    @Test
    void compilesEachTemplateOncePerRenderer() {
        assertThat(renderer.template("roi")).isSameAs(renderer.template("roi"));
        assertThat(renderer.template("appendix")).isSameAs(renderer.template("appendix"));
    }

    @Test
    void kpiChangeIndicator() {
        assertThat(PdfData.change(new BigDecimal("112.5"), new BigDecimal("100"))).isEqualTo("\u25B2 12.5%");
        assertThat(PdfData.change(new BigDecimal("97"), new BigDecimal("100"))).isEqualTo("\u25BC 3.0%");
        assertThat(PdfData.change(new BigDecimal("97"), null)).isEqualTo("\u2013");
        assertThat(PdfData.change(new BigDecimal("97"), BigDecimal.ZERO)).isEqualTo("\u2013");
        assertThat(PdfData.change(null, BigDecimal.ONE)).isEqualTo("\u2013");
    }

    @Test
    void missingTemplateFailsWithClearMessage(@TempDir Path dir) {
        ReportDocument doc = new ReportDocument("no-such-report", "X", TENANT, MONTH, "USD", GENERATED,
                List.of(), Map.of(), List.of());
        PdfReportRenderer r = new PdfReportRenderer(dir);
        assertThatThrownBy(() -> r.render(doc, dir.resolve("x.pdf")))
                .isInstanceOf(PdfRenderException.class)
                .hasMessageContaining("no-such-report.jrxml");
        ReportDocument evil = new ReportDocument("../etc/passwd", "X", TENANT, MONTH, "USD", GENERATED,
                List.of(), Map.of(), List.of());
        assertThatThrownBy(() -> r.render(evil, dir.resolve("x.pdf")))
                .isInstanceOf(PdfRenderException.class)
                .hasMessageContaining("Invalid report template name");
    }

    @Test
    void templatesFallBackToClasspathAndDirectoryOverrides(@TempDir Path dir) throws IOException {
        // an empty templates directory: everything comes from the classpath copy
        PdfReportRenderer fromClasspath = new PdfReportRenderer(dir);
        Path a = dir.resolve("out/roi.pdf");
        fromClasspath.render(roiDoc(), a);
        assertThat(extract(a)).contains("Marketing ROI");

        // a template in the directory wins over the packed one
        String jrxml = Files.readString(Path.of("report-templates", "roi.jrxml"))
                .replace("\"Spend and revenue by source, last 12 months\"", "\"CUSTOMISED HEADING\"");
        Files.writeString(dir.resolve("roi.jrxml"), jrxml);
        PdfReportRenderer fromDir = new PdfReportRenderer(dir);
        Path b = dir.resolve("out/roi-custom.pdf");
        fromDir.render(roiDoc(), b);
        assertThat(extract(b)).contains("CUSTOMISED HEADING");
    }

    // ------------------------------------------------------------------ assertions

    private String renderAndExtract(ReportDocument doc) throws IOException {
        Path file = OUT.resolve(doc.id() + ".pdf");
        renderer.render(doc, file);
        assertThat(Files.size(file)).isGreaterThan(10_000);
        byte[] head = new byte[5];
        try (var in = Files.newInputStream(file)) {
            assertThat(in.read(head)).isEqualTo(5);
        }
        assertThat(new String(head)).isEqualTo("%PDF-");
        assertFontsEmbeddedDejaVu(file);
        return extract(file);
    }

    private String extract(Path file, ReportDocument doc) throws IOException {
        renderer.render(doc, file);
        return extract(file);
    }

    private static String extract(Path file, int from, int to) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
            PDFTextStripper s = new PDFTextStripper();
            s.setStartPage(from);
            s.setEndPage(to);
            return s.getText(pdf);
        }
    }

    /** Whitespace collapsed: a sentence wraps over lines in the PDF. */
    static String flat(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }

    private static net.sf.jasperreports.engine.JRField field(String name) {
        var f = new net.sf.jasperreports.engine.design.JRDesignField();
        f.setName(name);
        f.setValueClass(Object.class);
        return f;
    }

    private static String extract(Path file) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
            assertThat(pdf.getNumberOfPages()).isGreaterThan(0);
            return new PDFTextStripper().getText(pdf);
        }
    }

    private static void assertFontsEmbeddedDejaVu(Path file) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
            int fonts = 0;
            for (PDPage page : pdf.getPages()) {
                PDResources res = page.getResources();
                for (COSName name : res.getFontNames()) {
                    PDFont font = res.getFont(name);
                    fonts++;
                    assertThat(font.getName()).as("font on page").contains("DejaVuSans");
                    assertThat(font.isEmbedded()).as(font.getName() + " embedded").isTrue();
                }
            }
            assertThat(fonts).isPositive();
        }
    }

    private static void assertCommon(ReportDocument doc, String text) {
        assertThat(text).contains(doc.title(), TENANT, "October 2026", "Page 1 of", "Page 2 of",
                "Generated 2026-11-02 08:15 CET", "Amounts in USD");
        for (Kpi k : doc.kpis()) {
            assertThat(text).as("KPI " + k.key()).contains(k.label(), Figures.format(k.value(), k.type()));
            assertThat(text).as("KPI change " + k.key()).contains(PdfData.change(k.value(), k.previous(), k.type()));
        }
    }

    private static void assertFigures(String text, ReportTable table, String... columns) {
        for (String key : columns) {
            Column c = table.column(key);
            // header labels may wrap onto two lines
            assertThat(text.replaceAll("\\s+", " ")).as("label of " + table.key() + "." + key).contains(c.label());
            for (Map<String, Object> row : table.rows()) {
                assertThat(text).as(table.key() + "." + key + " " + row.values().iterator().next())
                        .contains(Figures.format(row.get(key), c.type()));
            }
            if (table.totals() != null) {
                assertThat(text).as(table.key() + " total " + key).contains(Figures.format(table.totals().get(key), c.type()));
            }
        }
    }

    // ------------------------------------------------------------------ documents

    static Column col(String key, String label, ValueType type) {
        return new Column(key, label, type);
    }

    static BigDecimal money(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP);
    }

    static BigDecimal ratio(BigDecimal num, BigDecimal den) {
        return num == null || den == null || den.signum() == 0 ? null : num.divide(den, 6, RoundingMode.HALF_UP);
    }

    static BigDecimal ratio(long num, long den) {
        return ratio(BigDecimal.valueOf(num), BigDecimal.valueOf(den));
    }

    static BigDecimal sum(List<Map<String, Object>> rows, String key) {
        BigDecimal s = BigDecimal.ZERO;
        for (Map<String, Object> r : rows) {
            Object v = r.get(key);
            if (v != null) {
                s = s.add(v instanceof BigDecimal b ? b : BigDecimal.valueOf(((Number) v).longValue()));
            }
        }
        return s;
    }

    static long count(List<Map<String, Object>> rows, String key) {
        return sum(rows, key).longValue();
    }

    static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static List<Definition> definitions() {
        return List.of(
                new Definition("Lead", "A person who filled in a form, registered for an event or was passed on by a partner, counted once per month of creation after removing duplicates by e-mail address."),
                new Definition("Spend", "Media and event cost booked to the source in the month, excluding agency fees and internal staff time."),
                new Definition("Cost per lead", "Spend divided by leads; not shown when a source produced no leads."),
                new Definition("Handed to sales", "Leads passed to the sales team in the CRM during the month."),
                new Definition("Accepted", "Handed leads a sales representative accepted as worth working."),
                new Definition("Never touched", "Handed leads with no recorded call, e-mail or meeting 14 days after hand-over."),
                new Definition("Acceptance rate", "Accepted divided by handed leads."),
                new Definition("Win rate", "Won opportunities divided by closed (won plus lost) opportunities."),
                new Definition("ROI", "Revenue won minus spend, divided by spend."),
                new Definition("ROAS", "Revenue won divided by spend (return on advertising spend)."),
                new Definition("CAC", "Customer acquisition cost: spend divided by new customers, with customers shared across sources by position-based attribution, hence fractional."));
    }

    static ReportTable audit() {
        List<Column> cols = List.of(col("source", "Source", ValueType.TEXT), col("file", "File", ValueType.TEXT),
                col("read", "Rows read", ValueType.INTEGER), col("loaded", "Loaded", ValueType.INTEGER),
                col("quarantined", "Quarantined", ValueType.INTEGER), col("duplicates", "Duplicates", ValueType.INTEGER));
        List<Map<String, Object>> rows = new ArrayList<>();
        String[][] files = {
                {"Google Ads", "/data/inbound/northwind/2026-10/google-ads/campaign_performance_export_2026-10-01_2026-10-31_account-483-221-9087.csv"},
                {"LinkedIn", "/data/inbound/northwind/2026-10/linkedin/linkedin_campaign_manager_export_all_accounts_october.csv"},
                {"HubSpot", "/data/inbound/northwind/2026-10/hubspot/contacts_created_2026-10.csv"},
                {"Salesforce", "/data/inbound/northwind/2026-10/salesforce/opportunities_snapshot_2026-11-01T06-00-00Z.csv"},
                {"Events", "/data/inbound/northwind/2026-10/events/trade_show_badge_scans_it-infrastructure-expo-frankfurt.xlsx"},
        };
        long[][] nums = {{4_812, 4_790, 12, 10}, {1_204, 1_204, 0, 0}, {9_877, 9_650, 143, 84}, {2_311, 2_309, 2, 0},
                {644, 590, 31, 23}};
        for (int i = 0; i < files.length; i++) {
            rows.add(row("source", files[i][0], "file", files[i][1], "read", nums[i][0], "loaded", nums[i][1],
                    "quarantined", nums[i][2], "duplicates", nums[i][3]));
        }
        Map<String, Object> totals = row("source", "Total", "file", null, "read", count(rows, "read"),
                "loaded", count(rows, "loaded"), "quarantined", count(rows, "quarantined"),
                "duplicates", count(rows, "duplicates"));
        return new ReportTable("audit", "Files loaded", cols, rows, totals);
    }

    static ReportTable unmatched() {
        return new ReportTable("unmatched", "Unmatched records",
                List.of(col("item", "Item", ValueType.TEXT), col("count", "Count", ValueType.INTEGER)),
                List.of(row("item", "CRM leads with a UTM campaign not found in any ad platform export", "count", 37L),
                        row("item", "Opportunities without a primary contact", "count", 4L),
                        row("item", "Ad spend rows for campaigns with no leads", "count", 11L)),
                null);
    }

    static List<String> campaignNames(String channel) {
        return switch (channel) {
            case "Paid search" -> List.of("Brand – Northwind exact match (EMEA)", "Generic – data warehouse migration",
                    "Competitor conquesting – Snowflake, Databricks and BigQuery alternatives",
                    "Hybrid cloud cost optimisation – high intent keywords – DACH & Benelux",
                    "Remarketing – pricing page visitors last 30 days");
            case "Organic search" -> List.of("Blog", "Documentation", "Pricing page", "Comparison guides",
                    "Homepage");
            case "LinkedIn Ads" -> List.of("ABM – Top 200 enterprise accounts – CFO and CIO sponsored content",
                    "Lead gen form – State of Data Engineering 2026 report", "Conversation ads – webinar invite",
                    "Retargeting – video viewers 50%+", "Document ads – ROI calculator");
            case "Webinar" -> List.of("From batch to streaming in 30 days (live demo)", "Ask the architect: Q4 edition",
                    "FinOps for data platforms", "Customer story: Contoso Retail", "Partner webinar with Fabrikam");
            case "Trade show" -> List.of("IT Infrastructure Expo Frankfurt 2026 – booth B-214 badge scans",
                    "Data Innovation Summit Stockholm", "Gartner Data & Analytics Summit London",
                    "Big Data LDN – sponsored session", "Regional roadshow Munich");
            case "Content syndication" -> List.of("TechTarget – Data architecture buyer's guide (install base filter)",
                    "Integrate – Cloud cost whitepaper", "NetLine – Streaming ETL e-book",
                    "Madison Logic – intent surge program", "Foundry – CIO research report");
            case "Referral" -> List.of("Customer referral programme", "Employee referrals", "G2 reviews",
                    "Community Slack", "Analyst referral");
            default -> List.of("Fabrikam reseller MDF Q4", "Adventure Works co-marketing",
                    "Tailspin Toys solution partner leads", "Marketplace listing – AWS", "Marketplace listing – Azure");
        };
    }

    static ReportDocument leadProductionDoc() {
        Random rnd = new Random(42);
        List<Column> srcCols = List.of(col("channel", "Source", ValueType.TEXT), col("leads", "Leads", ValueType.INTEGER),
                col("spend", "Spend", ValueType.MONEY), col("cpl", "Cost per lead", ValueType.MONEY),
                col("handed", "Handed to sales", ValueType.INTEGER), col("accepted", "Accepted", ValueType.INTEGER),
                col("rejected", "Rejected", ValueType.INTEGER), col("neverTouched", "Never touched", ValueType.INTEGER),
                col("pending", "Pending", ValueType.INTEGER), col("acceptanceRate", "Acceptance rate", ValueType.PERCENT));
        List<Column> campCols = List.of(col("channel", "Source", ValueType.TEXT), col("campaign", "Campaign", ValueType.TEXT),
                col("leads", "Leads", ValueType.INTEGER), col("spend", "Spend", ValueType.MONEY),
                col("cpl", "Cost per lead", ValueType.MONEY), col("handed", "Handed to sales", ValueType.INTEGER),
                col("accepted", "Accepted", ValueType.INTEGER), col("acceptanceRate", "Acceptance rate", ValueType.PERCENT));
        List<Map<String, Object>> campaigns = new ArrayList<>();
        List<Map<String, Object>> sources = new ArrayList<>();
        for (String ch : CHANNELS) {
            List<Map<String, Object>> mine = new ArrayList<>();
            for (String name : campaignNames(ch)) {
                long leads = ch.equals("Trade show") && name.startsWith("Regional") ? 0 : 15 + rnd.nextInt(380);
                BigDecimal spend = ch.equals("Organic search") || ch.equals("Referral") ? null
                        : money(800 + rnd.nextInt(24_000) + rnd.nextInt(100) / 100.0);
                long handed = Math.round(leads * (0.35 + rnd.nextDouble() * 0.4));
                long accepted = Math.round(handed * (0.5 + rnd.nextDouble() * 0.4));
                mine.add(row("channel", ch, "campaign", name, "leads", leads, "spend", spend,
                        "cpl", ratio(spend, BigDecimal.valueOf(leads)), "handed", handed, "accepted", accepted,
                        "acceptanceRate", ratio(accepted, handed)));
            }
            campaigns.addAll(mine);
            long leads = count(mine, "leads");
            BigDecimal spend = mine.get(0).get("spend") == null ? null : sum(mine, "spend");
            long handed = count(mine, "handed");
            long accepted = count(mine, "accepted");
            long rejected = Math.round((handed - accepted) * 0.55);
            long never = Math.round((handed - accepted) * 0.25);
            long pending = handed - accepted - rejected - never;
            sources.add(row("channel", ch, "leads", leads, "spend", spend, "cpl", ratio(spend, BigDecimal.valueOf(leads)),
                    "handed", handed, "accepted", accepted, "rejected", rejected, "neverTouched", never,
                    "pending", pending, "acceptanceRate", ratio(accepted, handed)));
        }
        BigDecimal totalSpend = sum(sources, "spend");
        long totalLeads = count(sources, "leads");
        long totalHanded = count(sources, "handed");
        long totalAccepted = count(sources, "accepted");
        Map<String, Object> srcTotals = row("channel", "Total", "leads", totalLeads, "spend", totalSpend,
                "cpl", ratio(totalSpend, BigDecimal.valueOf(totalLeads)), "handed", totalHanded, "accepted", totalAccepted,
                "rejected", count(sources, "rejected"), "neverTouched", count(sources, "neverTouched"),
                "pending", count(sources, "pending"), "acceptanceRate", ratio(totalAccepted, totalHanded));
        Map<String, Object> campTotals = row("channel", "Total", "campaign", null, "leads", totalLeads, "spend", totalSpend,
                "cpl", ratio(totalSpend, BigDecimal.valueOf(totalLeads)), "handed", totalHanded, "accepted", totalAccepted,
                "acceptanceRate", ratio(totalAccepted, totalHanded));

        List<Map<String, Object>> trend = new ArrayList<>();
        for (int i = 11; i >= 0; i--) {
            YearMonth m = MONTH.minusMonths(i);
            long leads = i == 0 ? totalLeads : 3_200 + rnd.nextInt(2_400);
            BigDecimal spend = i == 0 ? totalSpend : money(260_000 + rnd.nextInt(90_000));
            trend.add(row("month", m.toString(), "leads", leads, "spend", spend,
                    "cpl", ratio(spend, BigDecimal.valueOf(leads)),
                    "acceptanceRate", i == 5 ? null : BigDecimal.valueOf(0.55 + rnd.nextInt(200) / 1000.0)));
        }
        List<Column> trendCols = List.of(col("month", "Month", ValueType.TEXT), col("leads", "Leads", ValueType.INTEGER),
                col("spend", "Spend", ValueType.MONEY), col("cpl", "Cost per lead", ValueType.MONEY),
                col("acceptanceRate", "Acceptance rate", ValueType.PERCENT));
        List<Map<String, Object>> reasons = List.of(
                row("reason", "Not in target segment (company size below 50 employees)", "leads", 412L),
                row("reason", "Student, job seeker or competitor", "leads", 131L),
                row("reason", "Duplicate of an open opportunity", "leads", 88L),
                row("reason", "Invalid contact details", "leads", 57L),
                row("reason", null, "leads", 9L));

        Map<String, ReportTable> tables = new LinkedHashMap<>();
        tables.put("by-source", new ReportTable("by-source", "Leads by source", srcCols, sources, srcTotals));
        Map<String, Map<String, Object>> subtotals = new LinkedHashMap<>();
        for (Map<String, Object> src : sources) {
            Map<String, Object> sub = new LinkedHashMap<>(src);
            sub.put("campaign", "");
            subtotals.put((String) src.get("channel"), sub);
        }
        tables.put("by-campaign", new ReportTable("by-campaign", "Leads by campaign", campCols, campaigns, campTotals,
                "channel", subtotals));
        tables.put("trend", new ReportTable("trend", "Last 12 months", trendCols, trend, null));
        tables.put("rejection-reasons", new ReportTable("rejection-reasons", "Why sales rejected leads",
                List.of(col("reason", "Reason", ValueType.TEXT), col("leads", "Leads", ValueType.INTEGER)), reasons, null));
        tables.put("audit", audit());
        tables.put("unmatched", unmatched());

        BigDecimal prevSpend = (BigDecimal) trend.get(10).get("spend");
        long prevLeads = (Long) trend.get(10).get("leads");
        List<Kpi> kpis = List.of(
                new Kpi("leads", "Leads", BigDecimal.valueOf(totalLeads), BigDecimal.valueOf(prevLeads), ValueType.INTEGER),
                new Kpi("spend", "Spend", totalSpend, prevSpend, ValueType.MONEY),
                new Kpi("cpl", "Cost per lead", ratio(totalSpend, BigDecimal.valueOf(totalLeads)),
                        ratio(prevSpend, BigDecimal.valueOf(prevLeads)), ValueType.MONEY),
                new Kpi("handed", "Handed to sales", BigDecimal.valueOf(totalHanded), BigDecimal.ZERO, ValueType.INTEGER),
                new Kpi("acceptanceRate", "Acceptance rate", ratio(totalAccepted, totalHanded), null, ValueType.PERCENT));
        return new ReportDocument("lead-production", "Lead Production", TENANT, MONTH, "USD", GENERATED, kpis, tables,
                definitions(), insights(), List.of());
    }

    static ReportDocument salesPerformanceDoc() {
        Random rnd = new Random(7);
        List<Column> cols = List.of(col("channel", "Source", ValueType.TEXT),
                col("handed", "Handed", ValueType.INTEGER), col("accepted", "Accepted", ValueType.INTEGER),
                col("rejected", "Rejected", ValueType.INTEGER), col("neverTouched", "Never touched", ValueType.INTEGER),
                col("noOpportunity", "No opportunity", ValueType.INTEGER),
                col("openOpportunity", "Open opportunity", ValueType.INTEGER), col("won", "Won", ValueType.INTEGER),
                col("lost", "Lost", ValueType.INTEGER), col("leadToWonRate", "Lead to won", ValueType.PERCENT),
                col("winRate", "Win rate", ValueType.PERCENT),
                col("medianSpeedToLeadHours", "Median speed to lead (hours)", ValueType.DECIMAL),
                col("medianDaysToClose", "Median days to close", ValueType.DECIMAL),
                col("revenueWon", "Revenue won", ValueType.MONEY), col("revenuePerLead", "Revenue per lead", ValueType.MONEY));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String ch : CHANNELS) {
            long handed = ch.equals("Partner") ? 0 : 120 + rnd.nextInt(900);
            long accepted = Math.round(handed * (0.5 + rnd.nextDouble() * 0.35));
            long rejected = Math.round((handed - accepted) * 0.6);
            long never = handed - accepted - rejected;
            long won = Math.round(accepted * (0.04 + rnd.nextDouble() * 0.12));
            long lost = Math.round(accepted * (0.05 + rnd.nextDouble() * 0.15));
            long open = Math.round(accepted * (0.2 + rnd.nextDouble() * 0.2));
            long noOpp = accepted - won - lost - open;
            BigDecimal revenue = won == 0 ? BigDecimal.ZERO : money(won * (18_000 + rnd.nextInt(40_000)) + 0.5);
            rows.add(row("channel", ch, "handed", handed, "accepted", accepted, "rejected", rejected,
                    "neverTouched", never, "noOpportunity", noOpp, "openOpportunity", open, "won", won, "lost", lost,
                    "leadToWonRate", ratio(won, handed), "winRate", ratio(won, won + lost),
                    "medianSpeedToLeadHours", handed == 0 ? null : BigDecimal.valueOf(5 + rnd.nextInt(700)).movePointLeft(1),
                    "medianDaysToClose", won == 0 ? null : BigDecimal.valueOf(150 + rnd.nextInt(900)).movePointLeft(1),
                    "revenueWon", revenue, "revenuePerLead", ratio(revenue, BigDecimal.valueOf(handed))));
        }
        long handed = count(rows, "handed");
        long won = count(rows, "won");
        long lost = count(rows, "lost");
        long accepted = count(rows, "accepted");
        BigDecimal revenue = sum(rows, "revenueWon");
        Map<String, Object> totals = row("channel", "Total", "handed", handed, "accepted", accepted,
                "rejected", count(rows, "rejected"), "neverTouched", count(rows, "neverTouched"),
                "noOpportunity", count(rows, "noOpportunity"), "openOpportunity", count(rows, "openOpportunity"),
                "won", won, "lost", lost, "leadToWonRate", ratio(won, handed), "winRate", ratio(won, won + lost),
                "medianSpeedToLeadHours", new BigDecimal("17.25"), "medianDaysToClose", new BigDecimal("48.05"),
                "revenueWon", revenue, "revenuePerLead", ratio(revenue, BigDecimal.valueOf(handed)));

        List<Column> cohortCols = List.of(col("cohortMonth", "Cohort", ValueType.TEXT),
                col("handed", "Handed", ValueType.INTEGER), col("accepted", "Accepted", ValueType.INTEGER),
                col("rejected", "Rejected", ValueType.INTEGER), col("neverTouched", "Never touched", ValueType.INTEGER),
                col("won", "Won", ValueType.INTEGER), col("lost", "Lost", ValueType.INTEGER),
                col("openOpportunity", "Open opportunity", ValueType.INTEGER), col("revenueWon", "Revenue won", ValueType.MONEY),
                col("leadToWonRate", "Lead to won", ValueType.PERCENT));
        List<Map<String, Object>> cohorts = new ArrayList<>();
        for (int i = 11; i >= 0; i--) {
            long h = 1_800 + rnd.nextInt(1_400);
            long a = Math.round(h * 0.62);
            long w = Math.round(a * (i / 12.0) * 0.18);
            long l = Math.round(a * (i / 12.0) * 0.22);
            cohorts.add(row("cohortMonth", MONTH.minusMonths(i).toString(), "handed", h, "accepted", a,
                    "rejected", Math.round((h - a) * 0.6), "neverTouched", h - a - Math.round((h - a) * 0.6),
                    "won", w, "lost", l, "openOpportunity", Math.round(a * 0.3 * (1 - i / 12.0)),
                    "revenueWon", money(w * 27_450.25), "leadToWonRate", ratio(w, h)));
        }
        Map<String, Object> cohortTotals = row("cohortMonth", "Total", "handed", count(cohorts, "handed"),
                "accepted", count(cohorts, "accepted"), "rejected", count(cohorts, "rejected"),
                "neverTouched", count(cohorts, "neverTouched"), "won", count(cohorts, "won"), "lost", count(cohorts, "lost"),
                "openOpportunity", count(cohorts, "openOpportunity"), "revenueWon", sum(cohorts, "revenueWon"),
                "leadToWonRate", ratio(count(cohorts, "won"), count(cohorts, "handed")));

        Map<String, ReportTable> tables = new LinkedHashMap<>();
        tables.put("by-source", new ReportTable("by-source", "Sales outcomes by source", cols, rows, totals));
        tables.put("by-owner", new ReportTable("by-owner", "By owner",
                List.of(col("owner", "Owner", ValueType.TEXT), col("won", "Won", ValueType.INTEGER)),
                List.of(row("owner", "Jane Whitfield", "won", 12L), row("owner", "Omar Haddad", "won", 9L)), null));
        tables.put("cohorts", new ReportTable("cohorts", "Cohorts by month handed", cohortCols, cohorts, cohortTotals));
        tables.put("data-quality", new ReportTable("data-quality", "Data quality checks",
                List.of(col("check", "Check", ValueType.TEXT), col("count", "Count", ValueType.INTEGER)),
                List.of(row("check", "Leads without a CRM owner", "count", 23L),
                        row("check", "Opportunities closed won without an amount", "count", 2L),
                        row("check", "Leads handed to sales twice within 30 days (counted once)", "count", 61L),
                        row("check", "Accepted leads with a close date before the hand-over date", "count", 0L)), null));
        tables.put("audit", audit());

        List<Kpi> kpis = List.of(
                new Kpi("handed", "Handed to sales", BigDecimal.valueOf(handed), BigDecimal.valueOf(handed - 212), ValueType.INTEGER),
                new Kpi("accepted", "Accepted", BigDecimal.valueOf(accepted), BigDecimal.valueOf(accepted + 40), ValueType.INTEGER),
                new Kpi("won", "Won", BigDecimal.valueOf(won), BigDecimal.valueOf(won), ValueType.INTEGER),
                new Kpi("winRate", "Win rate", ratio(won, won + lost), new BigDecimal("0.391"), ValueType.PERCENT),
                new Kpi("revenueWon", "Revenue won", revenue, money(1_804_377.10), ValueType.MONEY));
        return new ReportDocument("sales-performance", "Sales Performance", TENANT, MONTH, "USD", GENERATED, kpis,
                tables, definitions(), insights(), List.of());
    }

    static ReportDocument roiDoc() {
        Random rnd = new Random(11);
        List<Column> cols = List.of(col("channel", "Source", ValueType.TEXT),
                col("spendMonth", "Spend", ValueType.MONEY), col("revenueMonth", "Revenue", ValueType.MONEY),
                col("roiMonth", "ROI", ValueType.PERCENT), col("spend12", "Spend, 12 months", ValueType.MONEY),
                col("revenue12", "Revenue, 12 months", ValueType.MONEY), col("roi12", "ROI, 12 months", ValueType.PERCENT),
                col("roas12", "ROAS", ValueType.DECIMAL), col("customers12", "Customers", ValueType.DECIMAL),
                col("cac12", "CAC", ValueType.MONEY), col("pipeline12", "Open pipeline", ValueType.MONEY));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String ch : CHANNELS) {
            boolean free = ch.equals("Organic search") || ch.equals("Referral");
            BigDecimal spendM = free ? BigDecimal.ZERO : money(12_000 + rnd.nextInt(140_000) + 0.37);
            BigDecimal revM = money(rnd.nextInt(420_000) + 0.5);
            BigDecimal spend12 = free ? BigDecimal.ZERO : spendM.multiply(BigDecimal.valueOf(11.4)).setScale(2, RoundingMode.HALF_UP);
            BigDecimal rev12 = money(400_000 + rnd.nextInt(3_900_000));
            BigDecimal customers = BigDecimal.valueOf(30 + rnd.nextInt(900)).movePointLeft(1);
            rows.add(row("channel", ch, "spendMonth", spendM, "revenueMonth", revM,
                    "roiMonth", ratio(revM.subtract(spendM), spendM), "spend12", spend12, "revenue12", rev12,
                    "roi12", ratio(rev12.subtract(spend12), spend12), "roas12", ratio(rev12, spend12),
                    "customers12", customers, "cac12", ratio(spend12, customers),
                    "pipeline12", ch.equals("Partner") ? null : money(rnd.nextInt(2_500_000) + 0.25)));
        }
        BigDecimal spendM = sum(rows, "spendMonth");
        BigDecimal revM = sum(rows, "revenueMonth");
        BigDecimal spend12 = sum(rows, "spend12");
        BigDecimal rev12 = sum(rows, "revenue12");
        BigDecimal customers = sum(rows, "customers12");
        Map<String, Object> totals = row("channel", "Total", "spendMonth", spendM, "revenueMonth", revM,
                "roiMonth", ratio(revM.subtract(spendM), spendM), "spend12", spend12, "revenue12", rev12,
                "roi12", ratio(rev12.subtract(spend12), spend12), "roas12", ratio(rev12, spend12),
                "customers12", customers, "cac12", ratio(spend12, customers), "pipeline12", sum(rows, "pipeline12"));

        List<Column> cohortCols = List.of(col("cohortMonth", "Cohort", ValueType.TEXT),
                col("leads", "Leads", ValueType.INTEGER), col("spend", "Spend", ValueType.MONEY),
                col("revenueToDate", "Revenue to date", ValueType.MONEY), col("wonDeals", "Won deals", ValueType.INTEGER),
                col("roiToDate", "ROI to date", ValueType.PERCENT));
        List<Map<String, Object>> cohorts = new ArrayList<>();
        for (int i = 17; i >= 0; i--) {
            BigDecimal spend = money(240_000 + rnd.nextInt(120_000) + 0.11);
            long won = Math.round(i * (2 + rnd.nextDouble() * 2));
            BigDecimal rev = money(won * 31_200.5);
            cohorts.add(row("cohortMonth", MONTH.minusMonths(i).toString(), "leads", (long) (3_000 + rnd.nextInt(2_000)),
                    "spend", spend, "revenueToDate", rev, "wonDeals", won, "roiToDate", ratio(rev.subtract(spend), spend)));
        }
        Map<String, Object> cohortTotals = row("cohortMonth", "Total", "leads", count(cohorts, "leads"),
                "spend", sum(cohorts, "spend"), "revenueToDate", sum(cohorts, "revenueToDate"),
                "wonDeals", count(cohorts, "wonDeals"),
                "roiToDate", ratio(sum(cohorts, "revenueToDate").subtract(sum(cohorts, "spend")), sum(cohorts, "spend")));

        Map<String, ReportTable> tables = new LinkedHashMap<>();
        tables.put("by-source", new ReportTable("by-source", "Return by source", cols, rows, totals));
        tables.put("model-comparison", modelComparison(rows));
        tables.put("model-weights", new ReportTable("model-weights", "Attribution model weights",
                List.of(col("model", "Model", ValueType.TEXT), col("weights", "Credit", ValueType.TEXT)),
                List.of(row("model", "First touch (default)", "weights", "100% to the first touch."),
                        row("model", "Linear", "weights", "Equal shares to every touch."),
                        row("model", "U-shaped", "weights", "40% first touch, 20% shared by the touches between, 40% the lead-creation touch.")),
                null));
        tables.put("cohorts", new ReportTable("cohorts", "Cohorts: return to date", cohortCols, cohorts, cohortTotals));
        tables.put("audit", audit());
        tables.put("unmatched", unmatched());

        List<Kpi> kpis = List.of(
                new Kpi("spendMonth", "Spend this month", spendM, spendM.multiply(new BigDecimal("0.93")), ValueType.MONEY),
                new Kpi("revenueMonth", "Revenue this month", revM, revM.multiply(new BigDecimal("1.21")), ValueType.MONEY),
                new Kpi("roiMonth", "ROI this month", ratio(revM.subtract(spendM), spendM), new BigDecimal("1.05"), ValueType.PERCENT),
                new Kpi("spend12", "Spend, 12 months", spend12, null, ValueType.MONEY),
                new Kpi("revenue12", "Revenue, 12 months", rev12, rev12.multiply(new BigDecimal("0.97")), ValueType.MONEY),
                new Kpi("roi12", "ROI, 12 months", ratio(rev12.subtract(spend12), spend12), new BigDecimal("1.3"), ValueType.PERCENT),
                new Kpi("roas12", "ROAS, 12 months", ratio(rev12, spend12), new BigDecimal("2.4"), ValueType.DECIMAL),
                new Kpi("cac12", "CAC, 12 months", ratio(spend12, customers), null, ValueType.MONEY));
        return new ReportDocument("roi", "Marketing ROI", TENANT, MONTH, "USD", GENERATED, kpis, tables, definitions(),
                insights(), List.of());
    }

    /** Revenue by source under three models: first touch as in the by-source table, the others shifted. */
    static ReportTable modelComparison(List<Map<String, Object>> bySource) {
        List<Column> cols = List.of(col("channel", "Source", ValueType.TEXT), col("m1", "First touch (default)", ValueType.MONEY),
                col("m2", "Linear", ValueType.MONEY), col("m3", "U-shaped", ValueType.MONEY));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> r : bySource) {
            BigDecimal ft = (BigDecimal) r.get("revenue12");
            rows.add(row("channel", r.get("channel"), "m1", ft, "m2", ft.multiply(new BigDecimal("0.9")).setScale(2, RoundingMode.HALF_UP),
                    "m3", ft.multiply(new BigDecimal("1.07")).setScale(2, RoundingMode.HALF_UP)));
        }
        return new ReportTable("model-comparison", "Revenue by attribution model", cols, rows,
                row("channel", "Total", "m1", sum(rows, "m1"), "m2", sum(rows, "m2"), "m3", sum(rows, "m3")));
    }

    static List<Insight> insights() {
        return List.of(
                new Insight(Insight.Kind.CUT, "ABM – Top 200", "Cut ABM – Top 200 enterprise accounts (LinkedIn Ads): the "
                        + "USD 36,213 it spent on leads created Aug 2025\u2013Jul 2026 has won USD 16,500 so far, an ROI of -54.4%.",
                        List.of(new Insight.Figure("ROI", new BigDecimal("-0.544"), ValueType.PERCENT)), "x"),
                new Insight(Insight.Kind.GROW, "Referral", "Grow Referral: in the last 12 months it won USD 1,953,672 on "
                        + "USD 93,845 of spend (ROI 1981.8%, ROAS 20.8).", List.of(), "x"),
                new Insight(Insight.Kind.CHANGE, "New leads", "New leads: 872 in Oct 2026, down 9.0% on Sep 2026 (958) and "
                        + "up 8.9% on Oct 2025 (801). Moved most: Trade show against Sep 2026 (132 to 23).", List.of(), "x"));
    }
}
