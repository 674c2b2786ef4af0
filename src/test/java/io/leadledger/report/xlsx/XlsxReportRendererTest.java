package io.leadledger.report.xlsx;

import io.leadledger.report.document.ChartSpec;
import io.leadledger.report.document.Column;
import io.leadledger.report.document.DetailSheet;
import io.leadledger.report.document.Kpi;
import io.leadledger.report.document.ReportDocument;
import io.leadledger.report.document.ReportTable;
import io.leadledger.report.document.ValueType;
import io.leadledger.report.insights.Insight;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Writes documents to XLSX and reads them back with POI: typed cells, guarded text, charts, insights, streaming. */
class XlsxReportRendererTest {

    static final String HYPERLINK = "=HYPERLINK(\"http://x\")";
    static final List<String> FORMULA_LIKE = List.of(HYPERLINK, "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)");

    @TempDir
    Path dir;

    @Test
    void aRenderReplacesTheWorkbookAndLeavesNoTemporaryFileBeside() throws Exception {
        Path file = dir.resolve("lp.xlsx");
        java.nio.file.Files.writeString(file, "an older, shorter render");
        new XlsxReportRenderer().render(doc(Map.of(), List.of(), List.of()), List.of(), file);

        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            assertThat(wb.getSheet("Summary")).isNotNull();
        }
        try (var listing = java.nio.file.Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString()).toList()).containsExactly("lp.xlsx");
        }
    }

    @Test
    void textThatLooksLikeAFormulaIsWrittenAsQuotedTextNeverAsAFormula() throws Exception {
        Path file = dir.resolve("lp.xlsx");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String campaign : FORMULA_LIKE) {
            rows.add(row("channel", "Paid search", "campaign", campaign, "leads", 3L));
        }
        ReportTable t = new ReportTable("by-campaign", "Leads by campaign", List.of(col("channel", ValueType.TEXT),
                col("campaign", ValueType.TEXT), col("leads", ValueType.INTEGER)), rows,
                row("channel", "Total", "campaign", "", "leads", 12L));
        DetailSheet leads = new DetailSheet("Leads created", List.of(col("id", ValueType.TEXT), col("campaign", ValueType.TEXT)),
                sink -> FORMULA_LIKE.forEach(c -> sink.accept(new Object[] {"L-" + c.length(), c})));
        new XlsxReportRenderer().render(doc(Map.of("by-campaign", t), List.of(), List.of()), List.of(leads), file);

        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            for (String sheet : List.of("Leads by campaign", "Leads created")) {
                Sheet s = wb.getSheet(sheet);
                List<String> seen = new ArrayList<>();
                for (int r = 1; r <= FORMULA_LIKE.size(); r++) {
                    Cell c = s.getRow(r).getCell(1);
                    assertEquals(CellType.STRING, c.getCellType(), sheet + " row " + r);
                    assertThat(c.getCellStyle().getQuotePrefixed()).as("stays text when edited").isTrue();
                    seen.add(c.getStringCellValue());
                }
                assertThat(seen).containsExactlyElementsOf(FORMULA_LIKE);
            }
            // the only formulas in the workbook are ours: the KPI change and the SUM of the totals row
            List<String> formulas = new ArrayList<>();
            for (Sheet s : wb) {
                for (Row r : s) {
                    for (Cell c : r) {
                        if (c.getCellType() == CellType.FORMULA) {
                            formulas.add(s.getSheetName() + "!" + c.getAddress() + "=" + c.getCellFormula());
                        }
                    }
                }
            }
            assertThat(formulas).containsExactly("Summary!D5=IF(C5=0,\"\",B5/C5-1)", "Leads by campaign!C6=SUM(C2:C5)");
            // ordinary text is not quote-prefixed
            assertThat(wb.getSheet("Leads by campaign").getRow(1).getCell(0).getCellStyle().getQuotePrefixed()).isFalse();
        }
    }

    @Test
    void trendTablesGetNativeChartsOverTheirRows() throws Exception {
        Path file = dir.resolve("trend.xlsx");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 11; i >= 0; i--) {
            rows.add(row("month", YearMonth.of(2026, 10).minusMonths(i).toString(), "leads", 700L + i,
                    "cpl", new BigDecimal("120.50").add(BigDecimal.valueOf(i)), "acceptanceRate", new BigDecimal("0.3" + i % 10)));
        }
        ReportTable trend = new ReportTable("trend", "12-month trend", List.of(col("month", ValueType.TEXT),
                col("leads", ValueType.INTEGER), col("cpl", ValueType.MONEY), col("acceptanceRate", ValueType.PERCENT)), rows, null);
        List<ChartSpec> charts = List.of(new ChartSpec("New leads per month", "trend", "month", ChartSpec.Kind.BAR, List.of("leads")),
                new ChartSpec("Cost per lead", "trend", "month", ChartSpec.Kind.LINE, List.of("cpl")));
        new XlsxReportRenderer().render(doc(Map.of("trend", trend), List.of(), charts), List.of(), file);

        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            XSSFSheet s = wb.getSheet("12-month trend");
            List<XSSFChart> found = s.getDrawingPatriarch().getCharts();
            assertThat(found).hasSize(2);
            String bar = found.get(0).getCTChart().toString();
            assertThat(bar).contains("barChart", "'12-month trend'!$B$2:$B$13", "'12-month trend'!$A$2:$A$13");
            assertThat(found.get(0).getTitleText().getString()).isEqualTo("New leads per month");
            assertThat(found.get(1).getCTChart().toString()).contains("lineChart", "'12-month trend'!$C$2:$C$13");
            // the charted cells are numbers
            assertEquals(CellType.NUMERIC, s.getRow(1).getCell(1).getCellType());
            assertEquals(711.0, s.getRow(1).getCell(1).getNumericCellValue());
        }
    }

    @Test
    void insightsSheetHoldsTheSentencesAndTheirFiguresAsNumbers() throws Exception {
        Path file = dir.resolve("insights.xlsx");
        List<Insight> insights = List.of(
                new Insight(Insight.Kind.CUT, "LI - CFO", "Cut LI - CFO (LinkedIn Ads): ROI of -54.4%.",
                        List.of(new Insight.Figure("ROI to date", new BigDecimal("-0.544"), ValueType.PERCENT),
                                new Insight.Figure("Spend", new BigDecimal("36213.31"), ValueType.MONEY)), "Sheet X"),
                new Insight(Insight.Kind.CHANGE, "New leads", "New leads: 872 in Oct 2026.",
                        List.of(new Insight.Figure("New leads, Oct 2026", BigDecimal.valueOf(872), ValueType.INTEGER)), "Sheet Y"));
        ReportDocument doc = new ReportDocument("roi", "ROI", "Acme", YearMonth.of(2026, 10), "USD", generated(),
                List.of(), Map.of(), List.of(), insights, List.of());
        new XlsxReportRenderer().render(doc, List.of(), file);

        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            assertThat(wb.getSheetName(1)).isEqualTo("Insights");
            Sheet s = wb.getSheet("Insights");
            assertEquals("Cut", s.getRow(4).getCell(1).getStringCellValue());
            assertEquals("Cut LI - CFO (LinkedIn Ads): ROI of -54.4%.", s.getRow(4).getCell(3).getStringCellValue());
            assertEquals("Sheet X", s.getRow(4).getCell(4).getStringCellValue());
            assertEquals("New leads: 872 in Oct 2026.", s.getRow(5).getCell(3).getStringCellValue());
            // figures: header on row 7, then one row per figure, numbered after its insight
            assertEquals("Figure", s.getRow(7).getCell(2).getStringCellValue());
            assertEquals(-0.544, s.getRow(8).getCell(3).getNumericCellValue(), 1e-12);
            assertEquals("0.0%", s.getRow(8).getCell(3).getCellStyle().getDataFormatString());
            assertEquals(36213.31, s.getRow(9).getCell(3).getNumericCellValue(), 1e-9);
            assertEquals(2.0, s.getRow(10).getCell(0).getNumericCellValue());
            assertEquals(872.0, s.getRow(10).getCell(3).getNumericCellValue());
        }
    }

    @Test
    void detailSheetsAreStreamedAndLongTitlesMakeDistinctValidSheetNames() throws Exception {
        Path file = dir.resolve("big.xlsx");
        int n = 20_000;
        DetailSheet big = new DetailSheet("Leads handed (12 mo)", List.of(col("id", ValueType.TEXT), col("amount", ValueType.MONEY)),
                sink -> {
                    for (int i = 0; i < n; i++) {
                        sink.accept(new Object[] {"L" + i, BigDecimal.valueOf(i, 2)});
                    }
                });
        Map<String, ReportTable> tables = new LinkedHashMap<>();
        for (String key : List.of("a", "b")) {
            tables.put(key, new ReportTable(key, "Lead cohorts: spend against revenue to date, by month", List.of(
                    col("x", ValueType.TEXT)), List.of(row("x", key)), null));
        }
        new XlsxReportRenderer().render(doc(tables, List.of(), List.of()), List.of(big), file);
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            List<String> names = new ArrayList<>();
            wb.forEach(s -> names.add(s.getSheetName()));
            assertThat(names).containsExactly("Summary", "Lead cohorts spend against", "Lead cohorts spend against 2",
                    "Definitions", "Leads handed (12 mo)");
            Sheet s = wb.getSheet("Leads handed (12 mo)");
            assertEquals(n, s.getLastRowNum());
            assertEquals(199.99, s.getRow(n).getCell(1).getNumericCellValue(), 1e-9);
            assertEquals(CellType.NUMERIC, s.getRow(n).getCell(1).getCellType());
        }
    }

    /**
     * The detail sheets bypass SXSSF's rows and cells: every kind of value must read back exactly as SXSSF's own
     * writer would have written it (escaping, spaces kept, characters XML cannot hold, blanks, numbers, styles).
     */
    @Test
    void detailSheetCellsReadBackAsSxssfWritesThem() throws Exception {
        List<String> texts = List.of("plain", "<a & \"b\">", " leading", "trailing ", "tab\there", "line\nbreak\r\n",
                "\u0001control", "emoji \uD83D\uDE00", "no-break\u00A0space", "ünïcödé ∑", "lone \uD800 surrogate", "\uFFFEx",
                "=1+1", "", "x".repeat(32_767));
        List<Column> cols = List.of(col("text", ValueType.TEXT), col("count", ValueType.INTEGER), col("amount", ValueType.MONEY),
                col("share", ValueType.PERCENT), col("number", ValueType.TEXT));
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            rows.add(new Object[] {texts.get(i), (long) i * 1_000_003L, i % 3 == 0 ? null : new BigDecimal("1234.5" + i),
                    new BigDecimal("0.12" + i), i % 2 == 0 ? 42L : null});
        }
        Path file = dir.resolve("detail.xlsx");
        new XlsxReportRenderer().render(doc(Map.of(), List.of(), List.of()),
                List.of(new DetailSheet("Detail", cols, sink -> rows.forEach(sink))), file);

        // the reference: the same cells through SXSSF's rows and cells, as the renderer wrote them before
        Path reference = dir.resolve("reference.xlsx");
        try (org.apache.poi.xssf.streaming.SXSSFWorkbook wb = new org.apache.poi.xssf.streaming.SXSSFWorkbook(5)) {
            Sheet s = wb.createSheet("Detail");
            org.apache.poi.ss.usermodel.CellStyle guarded = wb.createCellStyle();
            guarded.setQuotePrefixed(true);
            Map<ValueType, org.apache.poi.ss.usermodel.CellStyle> formats = new java.util.EnumMap<>(ValueType.class);
            Map.of(ValueType.INTEGER, "#,##0", ValueType.MONEY, "#,##0.00", ValueType.PERCENT, "0.0%").forEach((t, f) -> {
                org.apache.poi.ss.usermodel.CellStyle st = wb.createCellStyle();
                st.setDataFormat(wb.createDataFormat().getFormat(f));
                formats.put(t, st);
            });
            Row h = s.createRow(0);
            for (int i = 0; i < cols.size(); i++) {
                h.createCell(i).setCellValue(cols.get(i).label());
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = s.createRow(r + 1);
                for (int i = 0; i < cols.size(); i++) {
                    Cell c = row.createCell(i);
                    Object v = rows.get(r)[i];
                    if (v instanceof Number n && cols.get(i).type() != ValueType.TEXT) {
                        c.setCellValue(new BigDecimal(n.toString()).doubleValue());
                        c.setCellStyle(formats.get(cols.get(i).type()));
                    } else if (v != null) {
                        c.setCellValue(v.toString());
                        if (XlsxReportRenderer.looksLikeFormula(v.toString())) {
                            c.setCellStyle(guarded);
                        }
                    }
                }
            }
            try (var out = java.nio.file.Files.newOutputStream(reference)) {
                wb.write(out);
            }
            wb.dispose();
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile()); XSSFWorkbook ref = new XSSFWorkbook(reference.toFile())) {
            XSSFSheet s = wb.getSheet("Detail");
            XSSFSheet r = ref.getSheet("Detail");
            assertEquals(rows.size(), s.getLastRowNum());
            assertEquals(r.getCTWorksheet().getDimension().getRef(), s.getCTWorksheet().getDimension().getRef());
            for (int i = 0; i <= rows.size(); i++) {
                for (int c = 0; c < cols.size(); c++) {
                    Cell a = s.getRow(i).getCell(c);
                    Cell b = r.getRow(i).getCell(c);
                    String where = "row " + i + " col " + c;
                    assertEquals(b.getCellType(), a.getCellType(), where);
                    if (b.getCellType() == CellType.NUMERIC) {
                        assertEquals(b.getNumericCellValue(), a.getNumericCellValue(), where);
                        assertEquals(b.getCellStyle().getDataFormatString(), a.getCellStyle().getDataFormatString(), where);
                    } else {
                        assertEquals(b.getStringCellValue(), a.getStringCellValue(), where);
                        assertEquals(b.getCellStyle().getQuotePrefixed(), a.getCellStyle().getQuotePrefixed(), where);
                    }
                }
            }
            assertThat(s.getRow(2).getCell(0).getStringCellValue()).isEqualTo("<a & \"b\">");
            assertThat(s.getRow(3).getCell(0).getStringCellValue()).isEqualTo(" leading");
            assertThat(s.getRow(8).getCell(0).getStringCellValue()).isEqualTo("emoji \uD83D\uDE00");
        }
    }

    // ------------------------------------------------------------------ helpers

    static ReportDocument doc(Map<String, ReportTable> tables, List<Insight> insights, List<ChartSpec> charts) {
        return new ReportDocument("lead-production", "Lead production", "Acme", YearMonth.of(2026, 10), "USD", generated(),
                List.of(new Kpi("leads", "New leads", BigDecimal.TEN, BigDecimal.ONE, ValueType.INTEGER)), tables,
                List.of(), insights, charts);
    }

    static ZonedDateTime generated() {
        return ZonedDateTime.of(2026, 11, 2, 8, 15, 0, 0, ZoneId.of("Europe/Berlin"));
    }

    static Column col(String key, ValueType type) {
        return new Column(key, key.substring(0, 1).toUpperCase() + key.substring(1), type);
    }

    static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
