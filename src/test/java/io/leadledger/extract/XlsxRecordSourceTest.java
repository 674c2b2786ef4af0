package io.leadledger.extract;

import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.leadledger.extract.CsvRecordSourceTest.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Workbooks as people and tools save them, one reality per test. */
class XlsxRecordSourceTest {

    @TempDir
    Path dir;

    // ---- sheets ----------------------------------------------------------------------------------------------

    @Test
    void sheetByNameByIndexOrTheFirst() throws IOException {
        Path f = save("book.xlsx", wb -> {
            for (String name : List.of("Notes", "Budget", "Raw")) {
                Sheet s = wb.createSheet(name);
                s.createRow(0).createCell(0).setCellValue("Name");
                s.createRow(1).createCell(0).setCellValue("row of " + name);
            }
        });
        assertThat(firstName(f, "Budget")).isEqualTo("row of Budget");
        assertThat(firstName(f, "budget")).isEqualTo("row of Budget"); // Excel's sheet names ignore case
        assertThat(firstName(f, "2")).isEqualTo("row of Budget");
        assertThat(firstName(f, null)).isEqualTo("row of Notes");
        assertThat(firstName(f, "")).isEqualTo("row of Notes");
        try (XlsxRecordSource src = new XlsxRecordSource(f, "Raw", 1)) {
            assertThat(src.location()).endsWith("book.xlsx#Raw");
            assertThat(src.next().file()).endsWith("book.xlsx#Raw");
        }
    }

    @Test
    void unknownSheetFailsListingTheSheets() throws IOException {
        Path f = save("book.xlsx", wb -> {
            wb.createSheet("Notes").createRow(0).createCell(0).setCellValue("x");
            wb.createSheet("Budget 2026").createRow(0).createCell(0).setCellValue("x");
        });
        for (String wanted : List.of("Budget", "3", "0")) {
            assertThatThrownBy(() -> new XlsxRecordSource(f, wanted, 1)).isInstanceOf(SourceFormatException.class)
                    .hasMessageContaining("book.xlsx").hasMessageContaining("'" + wanted + "'")
                    .hasMessageContaining("Notes, Budget 2026");
        }
    }

    // ---- header ----------------------------------------------------------------------------------------------

    @Test
    void headerBelowAMergedTitle_andAHeaderMergedAcrossTwoColumns() throws IOException {
        Path f = save("budget.xlsx", wb -> {
            Sheet s = wb.createSheet("Budget");
            s.createRow(0).createCell(0).setCellValue("Marketing budget 2026 – actuals");
            s.addMergedRegion(new CellRangeAddress(0, 0, 0, 3));
            Row h = s.createRow(2);
            h.createCell(0).setCellValue("Channel");
            h.createCell(1).setCellValue("Amount");
            h.createCell(2).setCellValue(""); // what Excel leaves in the second cell of a merge
            h.createCell(3).setCellValue("Currency");
            s.addMergedRegion(new CellRangeAddress(2, 2, 1, 2));
            Row d = s.createRow(3);
            d.createCell(0).setCellValue("Events");
            d.createCell(1).setCellValue(100);
            d.createCell(2).setCellValue(5);
            d.createCell(3).setCellValue("EUR");
        });
        try (XlsxRecordSource src = new XlsxRecordSource(f, "Budget", 3)) {
            assertThat(src.header().names()).containsExactly("Channel", "Amount", "", "Currency");
            RawRecord r = src.next();
            assertThat(r.rowNum()).isEqualTo(4);
            assertThat(r.get("Amount")).isEqualTo("100");
            assertThat(r.get("Currency")).isEqualTo("EUR");
            assertThat(r.asMap()).containsEntry("column 3", "5");
            assertThat(src.next()).isNull();
        }
    }

    @Test
    void headerMustBeOnHeaderRow() throws IOException {
        Path f = save("book.xlsx", wb -> {
            Sheet s = wb.createSheet("Budget");
            s.createRow(0).createCell(0).setCellValue("Title");
            s.createRow(3).createCell(0).setCellValue("Month");
        });
        assertThatThrownBy(() -> new XlsxRecordSource(f, null, 3)).isInstanceOf(SourceFormatException.class)
                .hasMessageContaining("book.xlsx#Budget").hasMessageContaining("no header on row 3");
        assertThatThrownBy(() -> new XlsxRecordSource(f, null, 9)).isInstanceOf(SourceFormatException.class)
                .hasMessageContaining("no header on row 9");
    }

    @Test
    void aFileThatIsNoWorkbookFailsTheSource() throws IOException {
        Path f = Files.write(dir.resolve("export.xlsx"), "Name,City\nA,B\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> new XlsxRecordSource(f, null, 1)).isInstanceOf(SourceFormatException.class)
                .hasMessageContaining("export.xlsx");
    }

    // ---- cells -----------------------------------------------------------------------------------------------

    @Test
    void cellValues_cachedFormulaResultsPlainNumbersIsoDatesBooleansErrors() throws IOException {
        Path f = save("cells.xlsx", wb -> {
            Sheet s = wb.createSheet("Cells");
            Row h = s.createRow(0);
            h.createCell(0).setCellValue("Kind");
            h.createCell(1).setCellValue("Value");
            CellStyle thousands = style(wb, "#,##0");
            CellStyle money = style(wb, "#,##0.00");
            CellStyle dollars = style(wb, "\"$\"#,##0.00");
            CellStyle percent = style(wb, "0%");
            CellStyle month = style(wb, "mmm yyyy");
            CellStyle builtinDate = wb.createCellStyle();
            builtinDate.setDataFormat((short) BuiltinFormats.getBuiltinFormat("m/d/yy"));
            CellStyle stamp = style(wb, "yyyy-mm-dd hh:mm");
            int[] r = {1};
            add(s, r, "int", c -> { c.setCellValue(1_000_000); c.setCellStyle(thousands); });
            add(s, r, "decimal", c -> { c.setCellValue(1234.5); c.setCellStyle(money); });
            add(s, r, "currency", c -> { c.setCellValue(1234.5); c.setCellStyle(dollars); });
            add(s, r, "large", c -> c.setCellValue(1.0E7));
            add(s, r, "small", c -> c.setCellValue(0.000123));
            add(s, r, "negative", c -> c.setCellValue(-42.75));
            add(s, r, "percent", c -> { c.setCellValue(0.25); c.setCellStyle(percent); });
            r[0]++; // a blank row: skipped
            add(s, r, "float noise", c -> c.setCellFormula("0.1+0.2"));
            add(s, r, "formula number", c -> { c.setCellFormula("B2*2"); c.setCellStyle(thousands); });
            add(s, r, "formula string", c -> c.setCellFormula("\"Q\"&\"1\""));
            add(s, r, "formula date", c -> { c.setCellFormula("DATE(2026,3,1)"); c.setCellStyle(month); });
            add(s, r, "date", c -> { c.setCellValue(LocalDate.of(2026, 3, 1)); c.setCellStyle(month); });
            add(s, r, "builtin date", c -> { c.setCellValue(LocalDate.of(2026, 3, 1)); c.setCellStyle(builtinDate); });
            add(s, r, "datetime", c -> { c.setCellValue(LocalDateTime.of(2026, 3, 1, 10, 15)); c.setCellStyle(stamp); });
            add(s, r, "boolean", c -> c.setCellValue(true));
            add(s, r, "formula boolean", c -> c.setCellFormula("1>2"));
            add(s, r, "error", c -> c.setCellErrorValue(FormulaError.NA.getCode()));
            add(s, r, "formula error", c -> c.setCellFormula("1/0"));
            add(s, r, "text number", c -> c.setCellValue("00123"));
            add(s, r, "formula-like text", c -> c.setCellValue("=SUM(A1:A3)"));
            s.createRow(r[0]++).createCell(1).setCellValue("   "); // blank too
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll(); // Excel saves cached results
        });
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Long> rows = new LinkedHashMap<>();
        try (XlsxRecordSource src = new XlsxRecordSource(f, null, 1)) {
            for (RawRecord rec : drain(src)) {
                values.put(rec.get("Kind"), rec.get("Value"));
                rows.put(rec.get("Kind"), rec.rowNum());
            }
        }
        assertThat(values).containsExactly(
                Map.entry("int", "1000000"),
                Map.entry("decimal", "1234.5"),
                Map.entry("currency", "1234.5"),
                Map.entry("large", "10000000"),
                Map.entry("small", "0.000123"),
                Map.entry("negative", "-42.75"),
                Map.entry("percent", "0.25"),
                Map.entry("float noise", "0.3"),
                Map.entry("formula number", "2000000"),
                Map.entry("formula string", "Q1"),
                Map.entry("formula date", "2026-03-01"),
                Map.entry("date", "2026-03-01"),
                Map.entry("builtin date", "2026-03-01"),
                Map.entry("datetime", "2026-03-01T10:15:00"),
                Map.entry("boolean", "TRUE"),
                Map.entry("formula boolean", "FALSE"),
                Map.entry("error", "#N/A"),
                Map.entry("formula error", "#DIV/0!"),
                Map.entry("text number", "00123"),
                Map.entry("formula-like text", "=SUM(A1:A3)"));
        assertThat(rows.get("percent")).isEqualTo(8);
        assertThat(rows.get("float noise")).isEqualTo(10); // the sheet row, blank row 9 included
    }

    @Test
    void richTextAndEscapedSharedStrings() throws IOException {
        Path f = save("rich.xlsx", wb -> {
            Sheet s = wb.createSheet("Leads");
            s.createRow(0).createCell(0).setCellValue("Company");
            XSSFRichTextString rich = new XSSFRichTextString("Acme GmbH");
            var bold = wb.createFont();
            bold.setBold(true);
            rich.applyFont(0, 4, bold); // two formatting runs: "Acme" and " GmbH"
            s.createRow(1).createCell(0).setCellValue(rich);
        });
        try (XlsxRecordSource src = new XlsxRecordSource(f, null, 1)) {
            assertThat(src.next().get("Company")).isEqualTo("Acme GmbH");
        }
        assertThat(SharedStringList.decodeEscapes("line 1_x000D_\nline 2")).isEqualTo("line 1\r\nline 2");
        assertThat(SharedStringList.decodeEscapes("my_xfile_x00")).isEqualTo("my_xfile_x00");
    }

    @Test
    void datesOfA1904Workbook() throws IOException {
        Path f = save("mac.xlsx", wb -> {
            var ct = wb.getCTWorkbook();
            (ct.isSetWorkbookPr() ? ct.getWorkbookPr() : ct.addNewWorkbookPr()).setDate1904(true);
            assertThat(wb.isDate1904()).isTrue(); // so POI writes the serial counted from 1904
            Sheet s = wb.createSheet("Budget");
            s.createRow(0).createCell(0).setCellValue("Month");
            Cell c = s.createRow(1).createCell(0);
            c.setCellValue(LocalDate.of(2026, 3, 1));
            c.setCellStyle(style(wb, "yyyy-mm-dd"));
        });
        try (XlsxRecordSource src = new XlsxRecordSource(f, null, 1)) {
            assertThat(src.next().get("Month")).isEqualTo("2026-03-01");
        }
    }

    // ---- streaming -------------------------------------------------------------------------------------------

    @Test
    void closingEarlyStopsTheBackgroundParse() throws IOException {
        Path f = save("many.xlsx", wb -> {
            Sheet s = wb.createSheet("Leads");
            s.createRow(0).createCell(0).setCellValue("Id");
            for (int i = 1; i <= 3000; i++) {
                s.createRow(i).createCell(0).setCellValue(i);
            }
        });
        XlsxRecordSource src = new XlsxRecordSource(f, null, 1);
        assertThat(src.next().get("Id")).isEqualTo("1");
        assertThat(src.next().get("Id")).isEqualTo("2");
        assertThat(readerThreads()).isNotEmpty(); // blocked on the full hand-off queue
        src.close();
        assertThat(readerThreads()).isEmpty();
        src.close(); // twice is harmless
        Files.delete(f);
    }

    @Test
    void readingToTheEndLeavesNoThreadBehind() throws IOException {
        Path f = save("few.xlsx", wb -> {
            Sheet s = wb.createSheet("Leads");
            s.createRow(0).createCell(0).setCellValue("Id");
            s.createRow(1).createCell(0).setCellValue("7");
        });
        try (XlsxRecordSource src = new XlsxRecordSource(f, null, 1)) {
            assertThat(drain(src)).hasSize(1);
            assertThat(src.next()).isNull();
        }
        assertThat(readerThreads()).isEmpty();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    interface WorkbookContent {
        void fill(XSSFWorkbook wb) throws IOException;
    }

    interface CellContent {
        void fill(Cell c);
    }

    private Path save(String name, WorkbookContent content) throws IOException {
        Path f = dir.resolve(name);
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(f)) {
            content.fill(wb);
            wb.write(out);
        }
        return f;
    }

    private static CellStyle style(XSSFWorkbook wb, String format) {
        CellStyle s = wb.createCellStyle();
        s.setDataFormat(wb.createDataFormat().getFormat(format));
        return s;
    }

    private static void add(Sheet s, int[] row, String kind, CellContent value) {
        Row r = s.createRow(row[0]++);
        r.createCell(0).setCellValue(kind);
        value.fill(r.createCell(1));
    }

    private static String firstName(Path f, String sheet) {
        try (XlsxRecordSource src = new XlsxRecordSource(f, sheet, 1)) {
            return src.next().get("Name");
        }
    }

    private static List<Thread> readerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("xlsx-sheet-reader") && t.isAlive()).toList();
    }
}
