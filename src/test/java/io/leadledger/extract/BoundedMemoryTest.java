package io.leadledger.extract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Big exports are read in bounded memory: each file is read to the end in a child JVM whose heap is a fraction
 * of what holding the file would take, so a reader that loads the whole file fails here.
 */
class BoundedMemoryTest {

    private static final String CHILD_HEAP = "-Xmx48m";

    @TempDir
    Path dir;

    @Test
    void xlsxSheetOf200kRows() throws Exception {
        Path f = dir.resolve("leads.xlsx");
        int rows = 200_000;
        writeLeadsWorkbook(f, rows);
        String out = probe("xlsx", f);
        assertThat(out).contains("rows=" + rows + " last=" + (rows + 1) + ":{Id=200000, Email=lead200000@example.com, "
                + "Create Date=2025-05-15, Channel=Events, Amount=250000, Notes=Imported from the spring campaign, batch 0}");
    }

    @Test
    void csvFileOf1mRows() throws Exception {
        Path f = dir.resolve("leads.csv");
        int rows = 1_000_000;
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write("Id;Email;Create Date;Amount;Note\n");
            for (int i = 1; i <= rows; i++) {
                w.write(i + ";lead" + i + "@example.com;2026-03-01 10:15;" + i + ",50;\"two\nlines\"\n");
            }
        }
        String out = probe("csv", f);
        assertThat(out).contains("rows=" + rows + " last=" + (rows + 1) + ":{Id=1000000, Email=lead1000000@example.com, "
                + "Create Date=2026-03-01 10:15, Amount=1000000,50, Note=two\nlines}");
    }

    private static String probe(String kind, Path file) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                CHILD_HEAP, "-cp", System.getProperty("java.class.path"), RowCountProbe.class.getName(), kind,
                file.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /**
     * A workbook as Excel saves it (shared strings, a date and a "#,##0.00" style), written part by part: POI's
     * SXSSF takes most of a minute for this many unique shared strings.
     */
    private static void writeLeadsWorkbook(Path f, int rows) throws IOException {
        String main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        String rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        String ct = "application/vnd.openxmlformats-officedocument.spreadsheetml.";
        String[] header = {"Id", "Email", "Create Date", "Channel", "Amount", "Notes"};
        String[] channels = {"Paid search", "Events"};
        int notes = 50;
        int firstEmail = header.length + channels.length + notes; // shared-string index of lead1's e-mail
        LocalDate epoch = LocalDate.of(1899, 12, 30);
        LocalDate day = LocalDate.of(2024, 1, 1);
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(f)));
             Writer w = new OutputStreamWriter(zip, StandardCharsets.UTF_8)) {
            part(zip, w, "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"" + ct + "sheet.main+xml\"/>"
                    + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"" + ct + "worksheet+xml\"/>"
                    + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"" + ct + "sharedStrings+xml\"/>"
                    + "<Override PartName=\"/xl/styles.xml\" ContentType=\"" + ct + "styles+xml\"/></Types>");
            part(zip, w, "_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"" + rel + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            part(zip, w, "xl/workbook.xml", "<workbook xmlns=\"" + main + "\" xmlns:r=\"" + rel + "\">"
                    + "<sheets><sheet name=\"Leads\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            part(zip, w, "xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"" + rel + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                    + "<Relationship Id=\"rId2\" Type=\"" + rel + "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
                    + "<Relationship Id=\"rId3\" Type=\"" + rel + "/styles\" Target=\"styles.xml\"/></Relationships>");
            part(zip, w, "xl/styles.xml", "<styleSheet xmlns=\"" + main + "\">"
                    + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"#,##0.00\"/></numFmts>"
                    + "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
                    + "<fills count=\"1\"><fill><patternFill patternType=\"none\"/></fill></fills>"
                    + "<borders count=\"1\"><border/></borders>"
                    + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
                    + "<cellXfs count=\"3\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
                    + "<xf numFmtId=\"14\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
                    + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
                    + "</cellXfs></styleSheet>");

            zip.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><sst xmlns=\"" + main + "\">");
            for (String h : header) {
                w.write("<si><t>" + h + "</t></si>");
            }
            for (String c : channels) {
                w.write("<si><t>" + c + "</t></si>");
            }
            for (int n = 0; n < notes; n++) {
                w.write("<si><t>Imported from the spring campaign, batch " + n + "</t></si>");
            }
            for (int i = 1; i <= rows; i++) {
                w.write("<si><t>lead" + i + "@example.com</t></si>");
            }
            w.write("</sst>");
            w.flush();
            zip.closeEntry();

            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"" + main + "\"><sheetData>");
            w.write("<row r=\"1\">");
            for (int c = 0; c < header.length; c++) {
                w.write("<c r=\"" + (char) ('A' + c) + "1\" t=\"s\"><v>" + c + "</v></c>");
            }
            w.write("</row>");
            for (int i = 1; i <= rows; i++) {
                int r = i + 1;
                long serial = ChronoUnit.DAYS.between(epoch, day.plusDays(i % 700));
                w.write("<row r=\"" + r + "\"><c r=\"A" + r + "\"><v>" + i + "</v></c>"
                        + "<c r=\"B" + r + "\" t=\"s\"><v>" + (firstEmail + i - 1) + "</v></c>"
                        + "<c r=\"C" + r + "\" s=\"1\"><v>" + serial + "</v></c>"
                        + "<c r=\"D" + r + "\" t=\"s\"><v>" + (header.length + (i % 3 == 0 ? 0 : 1)) + "</v></c>"
                        + "<c r=\"E" + r + "\" s=\"2\"><v>" + (i * 1.25) + "</v></c>"
                        + "<c r=\"F" + r + "\" t=\"s\"><v>" + (header.length + channels.length + i % notes) + "</v></c></row>");
            }
            w.write("</sheetData></worksheet>");
            w.flush();
            zip.closeEntry();
        }
    }

    private static void part(ZipOutputStream zip, Writer w, String name, String xml) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        w.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" + xml);
        w.flush();
        zip.closeEntry();
    }
}
