package io.leadledger.extract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The delimited-text exports real tools produce, one reality per test. */
class CsvRecordSourceTest {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] UTF16LE_BOM = {(byte) 0xFF, (byte) 0xFE};
    private static final byte[] UTF16BE_BOM = {(byte) 0xFE, (byte) 0xFF};
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    @TempDir
    Path dir;

    // ---- encodings -------------------------------------------------------------------------------------------

    @Test
    void utf8WithoutBom() throws IOException {
        Path f = write("leads.csv", "Name,City,Note\nMüller,Köln,5 € – net\n".getBytes(StandardCharsets.UTF_8));
        RawRecord r = only(read(f, 1, null, null, false));
        assertThat(r.get("Name")).isEqualTo("Müller");
        assertThat(r.get("City")).isEqualTo("Köln");
        assertThat(r.get("Note")).isEqualTo("5 € – net");
    }

    @Test
    void utf8WithBom_excelCsvUtf8() throws IOException {
        Path f = write("leads.csv", bytes(UTF8_BOM, "Name,City\nMüller,Köln\n".getBytes(StandardCharsets.UTF_8)));
        try (CsvRecordSource src = open(f, 1, null, null, false)) {
            assertThat(src.header().names()).containsExactly("Name", "City");
            RawRecord r = src.next();
            assertThat(r.get("Name")).isEqualTo("Müller");
            assertThat(r.asMap()).containsOnlyKeys("Name", "City");
        }
    }

    @Test
    void utf16leWithBom_googleAdsCsvForExcel_tabSeparatedWithTitleLines() throws IOException {
        String text = "Campaign report\r\nMarch 1, 2026 - March 31, 2026\r\nDay\tCampaign\tCost\tCurrency code\r\n"
                + "2026-03-01\tBrand – Müller\t1,234.56\tEUR\r\n";
        Path f = write("ads.csv", bytes(UTF16LE_BOM, text.getBytes(StandardCharsets.UTF_16LE)));
        RawRecord r = only(read(f, 3, null, null, false));
        assertThat(r.get("Campaign")).isEqualTo("Brand – Müller");
        assertThat(r.get("Cost")).isEqualTo("1,234.56");
        assertThat(r.get("Currency code")).isEqualTo("EUR");
        assertThat(r.rowNum()).isEqualTo(4);
    }

    @Test
    void utf16beWithBom() throws IOException {
        Path f = write("leads.txt", bytes(UTF16BE_BOM, "Name\tCity\nMüller\tKöln\n".getBytes(StandardCharsets.UTF_16BE)));
        RawRecord r = only(read(f, 1, null, null, false));
        assertThat(r.get("Name")).isEqualTo("Müller");
        assertThat(r.get("City")).isEqualTo("Köln");
    }

    @Test
    void windows1252_whenNotValidUtf8_andEncodingAuto() throws IOException {
        Path f = write("legacy.csv", "Name;Amount;Note\nMüller;€ 5;a – b\n".getBytes(WINDOWS_1252));
        for (String auto : new String[] {null, "", "auto"}) {
            RawRecord r = only(read(f, 1, null, auto, false));
            assertThat(r.get("Name")).isEqualTo("Müller");
            assertThat(r.get("Amount")).isEqualTo("€ 5");
            assertThat(r.get("Note")).isEqualTo("a – b");
        }
    }

    @Test
    void windows1252_detectedEvenWhenTheFirstNonAsciiByteIsLateInTheFile() throws IOException {
        StringBuilder text = new StringBuilder("Name,City\n");
        for (int i = 0; i < 5000; i++) {
            text.append("Person ").append(i).append(",Berlin\n"); // ~90 KB of ASCII: past the 64 KB sniff window
        }
        text.append("Müller,Köln\n");
        Path f = write("legacy.csv", text.toString().getBytes(WINDOWS_1252));
        List<RawRecord> rows = read(f, 1, null, null, false);
        // the encoding is decided per line: the late windows-1252 line reads right, the ASCII ones are unaffected
        assertThat(rows).hasSize(5001);
        assertThat(rows.get(5000).get("Name")).isEqualTo("Müller");
        assertThat(rows.get(5000).get("City")).isEqualTo("Köln");
    }

    @Test
    void explicitEncodingWins_butABomBeatsIt() throws IOException {
        // ISO-8859-15 writes € as 0xA4, which the windows-1252 guess would read as ¤
        Path latin9 = write("latin9.csv", "Name,Price\nMüller,€ 5\n".getBytes(Charset.forName("ISO-8859-15")));
        assertThat(only(read(latin9, 1, null, "ISO-8859-15", false)).get("Price")).isEqualTo("€ 5");
        assertThat(only(read(latin9, 1, null, null, false)).get("Price")).isEqualTo("¤ 5");

        Path bom = write("bom.csv", bytes(UTF8_BOM, "Name\nMüller\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(only(read(bom, 1, null, "windows-1252", false)).get("Name")).isEqualTo("Müller");
    }

    @Test
    void unknownEncodingFailsTheSourceNamingTheFile() throws IOException {
        Path f = write("a.csv", "A\n1\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> open(f, 1, null, "klingon-8", false))
                .isInstanceOf(SourceFormatException.class).hasMessageContaining("a.csv").hasMessageContaining("klingon-8");
    }

    // ---- delimiters ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {",", ";", "\t", "|"})
    void delimiterDetectedFromTheHeaderLine(String d) throws IOException {
        String text = String.join(d, "Id", "Amount", "Note") + "\n" + String.join(d, "7", "1.5", "\"x" + d + "y\"") + "\n";
        RawRecord r = only(read(write("d.csv", text.getBytes(StandardCharsets.UTF_8)), 1, null, null, false));
        assertThat(r.get("Id")).isEqualTo("7");
        assertThat(r.get("Amount")).isEqualTo("1.5");
        assertThat(r.get("Note")).isEqualTo("x" + d + "y");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '!', value = {"';'!';'", "'\t'!'\t'", "tab!'\t'", "TAB!'\t'", "'\\t'!'\t'"})
    void configuredDelimiterWinsOverTheGuess(String configured, String actual) throws IOException {
        // the header has more commas than real delimiters: a guess would pick ','
        String text = String.join(actual, "Name", "Amount, EUR", "Tags, comma, separated") + "\n"
                + String.join(actual, "Acme", "10", "a, b, c") + "\n";
        RawRecord r = only(read(write("d.csv", text.getBytes(StandardCharsets.UTF_8)), 1, configured, null, false));
        assertThat(r.get("Amount, EUR")).isEqualTo("10");
        assertThat(r.get("Tags, comma, separated")).isEqualTo("a, b, c");
    }

    // ---- quoting and row numbers -----------------------------------------------------------------------------

    @Test
    void quotedFieldsWithNewlinesAndDoubledQuotes_rowNumberIsTheRecordNumber() throws IOException {
        String text = "Id,Note,Amount\r\n"
                + "1,\"line one\r\nline two\nline three\",10\r\n"
                + "2,\"He said \"\"hi\"\", then left\",20\r\n"
                + "3,plain,30\r\n";
        List<RawRecord> rows = read(write("q.csv", text.getBytes(StandardCharsets.UTF_8)), 1, null, null, false);
        assertThat(rows).extracting(r -> r.get("Id")).containsExactly("1", "2", "3");
        assertThat(rows.get(0).get("Note")).isEqualTo("line one\r\nline two\nline three");
        assertThat(rows.get(1).get("Note")).isEqualTo("He said \"hi\", then left");
        // as a spreadsheet shows it: header = row 1, the three-line record is row 2 only
        assertThat(rows).extracting(RawRecord::rowNum).containsExactly(2L, 3L, 4L);
    }

    // ---- headers ---------------------------------------------------------------------------------------------

    @Test
    void trailingDelimiterOnEveryLine_emptyHeaderNameBreaksNothing() throws IOException {
        String text = "Date,Rate,\n2026-03-02,1.0812,\n2026-03-03,1.0840,\n";
        try (CsvRecordSource src = open(write("ecb.csv", text.getBytes(StandardCharsets.UTF_8)), 1, null, null, false)) {
            assertThat(src.header().names()).containsExactly("Date", "Rate", "");
            assertThat(src.header().has("")).isFalse();
            RawRecord r = src.next();
            assertThat(r.get("Date")).isEqualTo("2026-03-02");
            assertThat(r.get("Rate")).isEqualTo("1.0812");
            assertThat(r.get("")).isNull();
            assertThat(r.asMap()).containsExactly(java.util.Map.entry("Date", "2026-03-02"), java.util.Map.entry("Rate", "1.0812"));
        }
    }

    @Test
    void headerVariations_caseSpacesNbspAndABomGluedToTheFirstHeader() throws IOException {
        // re-saved twice: two BOMs, the second one ends up glued to the first (quoted) header
        String header = "\"Record ID\", create  date ,EMAIL\u00A0ADDRESS,\u00A0Lead  Status\u00A0";
        Path f = write("h.csv", bytes(UTF8_BOM, UTF8_BOM, (header + "\n17,2026-03-01,a@b.de,New\n").getBytes(StandardCharsets.UTF_8)));
        try (CsvRecordSource src = open(f, 1, null, null, false)) {
            assertThat(src.header().names().get(0)).isEqualTo("Record ID");
            RawRecord r = src.next();
            assertThat(r.get("Record ID")).isEqualTo("17");
            assertThat(r.get("Create Date")).isEqualTo("2026-03-01");
            assertThat(r.get("Email Address")).isEqualTo("a@b.de");
            assertThat(r.get("lead status")).isEqualTo("New");
        }
    }

    @Test
    void titleLinesAboveTheHeader() throws IOException {
        String text = "\"Opportunity Report\"\n\"As of 3/1/2026, all opportunities\"\n"
                + "\"Opportunity ID\",\"Amount\"\n\"006A\",\"100\"\n\"006B\",\"200\"\n";
        try (CsvRecordSource src = open(write("t.csv", text.getBytes(StandardCharsets.UTF_8)), 3, null, null, false)) {
            assertThat(src.header().names()).containsExactly("Opportunity ID", "Amount");
            List<RawRecord> rows = drain(src);
            assertThat(rows).extracting(r -> r.get("Opportunity ID")).containsExactly("006A", "006B");
            assertThat(rows).extracting(RawRecord::rowNum).containsExactly(4L, 5L);
        }
    }

    @Test
    void vendorFooterAfterAnEmptyLine_salesforce() throws IOException {
        String text = "\"Opportunity ID\",\"Amount\"\n\"006A\",\"100\"\n\"006B\",\"200\"\n\n"
                + "\"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.\"\n"
                + "\"Confidential Information - Do Not Distribute\"\n"
                + "\"Generated By:  Jane Doe  3/1/2026, 10:15 AM\"\n\"Acme Inc\"\n";
        Path f = write("sf.csv", text.getBytes(StandardCharsets.UTF_8));
        assertThat(read(f, 1, null, null, true)).extracting(r -> r.get("Opportunity ID")).containsExactly("006A", "006B");
        // without the setting the footer lines are rows (they get rejected later) and the empty line is skipped
        assertThat(read(f, 1, null, null, false)).hasSize(6);
    }

    @Test
    void aLineOfDelimitersOnlyIsBlankToo() throws IOException {
        String text = "Id,Amount\n1,10\n,\n2,20\n";
        assertThat(read(write("b.csv", text.getBytes(StandardCharsets.UTF_8)), 1, null, null, false))
                .extracting(RawRecord::rowNum).containsExactly(2L, 4L);
        assertThat(read(write("b.csv", text.getBytes(StandardCharsets.UTF_8)), 1, null, null, true)).hasSize(1);
    }

    @Test
    void missingHeaderRowFailsTheSource() throws IOException {
        Path f = write("short.csv", "title\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> open(f, 3, null, null, false)).isInstanceOf(SourceFormatException.class)
                .hasMessageContaining("short.csv").hasMessageContaining("row 3");
    }

    // ---- rows ------------------------------------------------------------------------------------------------

    @Test
    void shortAndLongRows() throws IOException {
        String text = "A,B,C\n1,2\n1,2,3,4\n";
        List<RawRecord> rows = read(write("s.csv", text.getBytes(StandardCharsets.UTF_8)), 1, null, null, false);
        assertThat(rows.get(0).get("B")).isEqualTo("2");
        assertThat(rows.get(0).get("C")).isNull();
        assertThat(rows.get(0).asMap()).containsEntry("C", null);
        assertThat(rows.get(1).get("C")).isEqualTo("3");
        assertThat(rows.get(1).asMap()).containsEntry("column 4", "4");
    }

    @Test
    void formulaLikeValuesStayPlainText() throws IOException {
        String text = "Formula,Phone,Delta,Handle,Link\n"
                + "=SUM(A1:A3),+49 30 1234567,-5,@acme,\"=HYPERLINK(\"\"http://x.test\"\",\"\"x\"\")\"\n";
        RawRecord r = only(read(write("f.csv", text.getBytes(StandardCharsets.UTF_8)), 1, null, null, false));
        assertThat(r.get("Formula")).isEqualTo("=SUM(A1:A3)");
        assertThat(r.get("Phone")).isEqualTo("+49 30 1234567");
        assertThat(r.get("Delta")).isEqualTo("-5");
        assertThat(r.get("Handle")).isEqualTo("@acme");
        assertThat(r.get("Link")).isEqualTo("=HYPERLINK(\"http://x.test\",\"x\")");
    }

    @Test
    void blankAndNbspOnlyCellsReadAsNull() throws IOException {
        String text = "A,B,C\n\u00A0, x\u00A0,\"  \"\n";
        RawRecord r = only(read(write("n.csv", text.getBytes(StandardCharsets.UTF_8)), 1, null, null, false));
        assertThat(r.get("A")).isNull();
        assertThat(r.get("B")).isEqualTo("x");
        assertThat(r.get("C")).isNull();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static byte[] bytes(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static CsvRecordSource open(Path f, int headerRow, String delimiter, String encoding, boolean stopAtBlank) {
        return new CsvRecordSource(f, headerRow, delimiter, encoding, stopAtBlank);
    }

    private static List<RawRecord> read(Path f, int headerRow, String delimiter, String encoding, boolean stopAtBlank) {
        try (CsvRecordSource src = open(f, headerRow, delimiter, encoding, stopAtBlank)) {
            return drain(src);
        }
    }

    static List<RawRecord> drain(RecordSource src) {
        List<RawRecord> rows = new ArrayList<>();
        for (RawRecord r = src.next(); r != null; r = src.next()) {
            rows.add(r);
        }
        return rows;
    }

    private static RawRecord only(List<RawRecord> rows) {
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }
}
