package io.leadledger.cli;

import io.leadledger.support.TestWarehouse;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The command line as a new user meets it, on their own files configured through jobs/ alone:
 * a generic CSV mapping with a broken row, exit codes, history, reports, and clear errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliTest {

    Path tmp;
    TestWarehouse warehouse;

    record Result(int code, String out, String err) {
    }

    @BeforeAll
    void start() throws Exception {
        tmp = Files.createTempDirectory("leadledger-cli-test");
        warehouse = TestWarehouse.h2(tmp.resolve("db"));
    }

    @AfterAll
    void stop() {
        warehouse.close();
    }

    Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = warehouse.bean(Cli.class).execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** A tenant whose leads come from a semicolon CSV with its own column names and dd-MM-yyyy dates. */
    Path jobs(String tenant, String leadsCsv, String dealsCsv) throws Exception {
        Path dir = tmp.resolve(tenant);
        Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(dir.resolve("leads.csv"), leadsCsv, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("deals.csv"), dealsCsv, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("jobs/leadledger.yml"), """
                tenant:
                  id: %s
                  name: Acme GmbH
                  reportingCurrency: USD
                  timezone: Europe/Berlin
                channels:
                  google cpc: Paid search
                """.formatted(tenant));
        Files.writeString(dir.resolve("jobs/nightly-sync.yml"), """
                sources:
                  - name: crm-leads
                    kind: leads
                    files: %s
                    dateFormats: ["dd-MM-yyyy HH:mm"]
                    columns:
                      id: Lead ID
                      email: E-mail
                      createdAt: Created
                      source: Source
                      campaign: Campaign
                      handedAt: MQL date
                  - name: crm-deals
                    kind: deals
                    files: %s
                    dateFormats: ["dd-MM-yyyy"]
                    defaultCurrency: USD
                    wonStages: [Won]
                    lostStages: [Lost]
                    columns:
                      id: Deal
                      email: Contact
                      amount: Value
                      stage: Status
                      closeDate: Closed
                """.formatted(dir.resolve("leads.csv"), dir.resolve("deals.csv")));
        Files.writeString(dir.resolve("jobs/monthly-reports.yml"), "formats: [pdf, xlsx]\nout: " + dir.resolve("out") + "\n");
        return dir.resolve("jobs");
    }

    @Test
    void brokenRowIsQuarantinedTheRunSucceedsAndHistoryBalances() throws Exception {
        Path jobs = jobs("acme", """
                Lead ID;E-mail;Created;Source;Campaign;MQL date
                L1;Ann@Example.com;03-10-2026 09:15;google cpc;Brand;04-10-2026 10:00
                L2;bob@example.com;31-02-2026 10:00;google cpc;Brand;
                L3;cy@example.com;05-10-2026 11:00;newsletter;Oct;
                L1;ann@example.com;03-10-2026 09:15;google cpc;Brand;04-10-2026 10:00
                """, """
                Deal;Contact;Value;Status;Closed
                D1;ann@example.com;1200.50;Won;20-10-2026
                D2;nobody@example.com;900;Open;30-12-2026
                """);
        Result run = cli("run", "nightly-sync", "--jobs", jobs.toString());
        assertEquals(0, run.code(), run.err());
        assertThat(run.out()).contains("completed");

        List<Map<String, Object>> q = warehouse.jdbc().queryForList("SELECT * FROM quarantine WHERE tenant = 'acme'");
        assertThat(q).hasSize(1);
        assertEquals(3L, ((Number) q.get(0).get("row_num")).longValue());
        assertEquals("Created", q.get(0).get("field_name"));
        assertEquals("31-02-2026 10:00", q.get(0).get("raw_value"));
        assertThat((String) q.get(0).get("reason")).contains("not a date");
        assertThat((String) q.get(0).get("source_file")).endsWith("leads.csv");

        Result history = cli("history", "--jobs", jobs.toString());
        assertEquals(0, history.code());
        // read 6 = loaded 4 + quarantined 1 + duplicates 1 (leads: 4 rows = 2 + 1 + 1; deals: 2 rows loaded)
        assertThat(history.out()).containsPattern("nightly-sync\\s+COMPLETED\\s+\\S+ \\S+\\s+\\S+\\s+6\\s+4\\s+1\\s+1\\s+yes");

        assertEquals(1L, warehouse.jdbc().queryForObject(
                "SELECT COUNT(*) FROM core_deal WHERE tenant = 'acme' AND match_method = 'email' AND status = 'won'", Long.class));
        assertEquals("Paid search", warehouse.jdbc().queryForObject(
                "SELECT channel FROM core_lead WHERE tenant = 'acme' AND lead_key = 'ann@example.com'", String.class));

        Result report = cli("report", "--month", "2026-10", "--jobs", jobs.toString());
        assertEquals(0, report.code(), report.err());
        Path dir = jobs.getParent().resolve("out/acme/2026-10");
        for (String id : List.of("lead-production", "sales-performance", "roi")) {
            assertThat(dir.resolve(id + "-2026-10.pdf")).isNotEmptyFile();
            assertThat(dir.resolve(id + "-2026-10.xlsx")).isNotEmptyFile();
        }
    }

    @Test
    void sourceTextThatLooksLikeAFormulaStaysTextAndTheConfiguredPaperIsUsed() throws Exception {
        String hyperlink = "=HYPERLINK(\"http://x\")";
        Path jobs = jobs("formulas", """
                Lead ID;E-mail;Created;Source;Campaign;MQL date
                L1;ann@example.com;03-10-2026 09:15;google cpc;"=HYPERLINK(""http://x"")";04-10-2026 10:00
                L2;bob@example.com;04-10-2026 10:00;google cpc;@SUM(1+1);
                L3;cy@example.com;05-10-2026 11:00;+cmd;-2+3;
                """, """
                Deal;Contact;Value;Status;Closed
                D1;ann@example.com;1200.50;Won;20-10-2026
                """);
        Files.writeString(jobs.resolve("monthly-reports.yml"), "formats: [pdf, xlsx]\npaperSize: Letter\nout: "
                + jobs.getParent().resolve("out") + "\n");
        assertEquals(0, cli("run", "nightly-sync", "--jobs", jobs.toString()).code());
        Result report = cli("report", "--month", "2026-10", "--jobs", jobs.toString());
        assertEquals(0, report.code(), report.err());
        Path dir = jobs.getParent().resolve("out/formulas/2026-10");

        try (XSSFWorkbook wb = new XSSFWorkbook(dir.resolve("lead-production-2026-10.xlsx").toFile())) {
            Sheet leads = wb.getSheet("Leads created");
            Cell campaign = leads.getRow(1).getCell(4);
            assertEquals(CellType.STRING, campaign.getCellType());
            assertEquals(hyperlink, campaign.getStringCellValue());
            assertThat(campaign.getCellStyle().getQuotePrefixed()).isTrue();
            List<String> texts = new java.util.ArrayList<>();
            for (Sheet s : wb) {
                for (Row r : s) {
                    for (Cell c : r) {
                        if (c.getCellType() == CellType.FORMULA) {
                            assertThat(c.getCellFormula()).as(s.getSheetName() + "!" + c.getAddress()).matches("(SUM|IF)\\(.*");
                        } else if (c.getCellType() == CellType.STRING) {
                            texts.add(c.getStringCellValue());
                        }
                    }
                }
            }
            assertThat(texts).contains(hyperlink, "@SUM(1+1)", "-2+3", "+cmd");
        }
        try (PDDocument pdf = Loader.loadPDF(dir.resolve("roi-2026-10.pdf").toFile())) {
            assertThat(pdf.getPage(0).getMediaBox().getWidth()).isEqualTo(612f);
            assertThat(pdf.getPage(0).getMediaBox().getHeight()).isEqualTo(792f);
        }
    }

    @Test
    void aFileWithoutARequiredColumnFailsTheRunWithExitCode1AndSaysWhatItFound() throws Exception {
        Path jobs = jobs("wrongcols", """
                Lead;Mail;Date
                L1;a@example.com;03-10-2026 09:15
                """, """
                Deal;Contact;Value;Status;Closed
                """);
        Result run = cli("run", "nightly-sync", "--jobs", jobs.toString());
        assertEquals(1, run.code());
        assertThat(run.err()).contains("FAILED", "import:crm-leads", "missing required columns",
                "id -> \"Lead ID\"", "createdAt -> \"Created\"", "columns found: [Lead, Mail, Date]",
                "leadledger restart");
        assertEquals(0L, warehouse.jdbc().queryForObject("SELECT COUNT(*) FROM core_lead WHERE tenant = 'wrongcols'", Long.class));
    }

    @Test
    void configurationMistakesExitWith2AndNameTheFile() throws Exception {
        Path jobs = jobs("badconf", "Lead ID;E-mail;Created\n", "Deal;Value;Closed\n");
        Files.writeString(jobs.resolve("nightly-sync.yml"), """
                sources:
                  - name: leads
                    profile: hubspot-contactz
                    files: x.csv
                """);
        Result run = cli("run", "nightly-sync", "--jobs", jobs.toString());
        assertEquals(2, run.code());
        assertThat(run.err()).contains("nightly-sync.yml", "unknown profile 'hubspot-contactz'", "hubspot-contacts");

        Path reportJobs = jobs("badreports", "Lead ID;E-mail;Created\n", "Deal;Value;Closed\n");
        Files.writeString(reportJobs.resolve("monthly-reports.yml"), "paperSize: A3\n");
        Result paper = cli("report", "--month", "2026-10", "--jobs", reportJobs.toString());
        assertEquals(2, paper.code());
        assertThat(paper.err()).contains("monthly-reports.yml", "paperSize 'A3' must be A4 or Letter");
        Files.writeString(reportJobs.resolve("monthly-reports.yml"), "insights: { minSpend: lots }\n");
        Result floor = cli("report", "--month", "2026-10", "--jobs", reportJobs.toString());
        assertEquals(2, floor.code());
        assertThat(floor.err()).contains("insights.minSpend 'lots' must be a number");

        Result unknownJob = cli("run", "weekly", "--jobs", jobs.toString().replace("badconf", "acme"));
        assertEquals(2, unknownJob.code());
        Result usage = cli("report", "--month", "October");
        assertEquals(2, usage.code());
    }
    /** The report benchmark on a small synthetic warehouse: the six files twice, each file's time and the peak heap. */
    @Test
    void benchReportWritesTheSixFilesTwiceAndPrintsTheirTimesAndThePeakHeap() throws Exception {
        Path dir = tmp.resolve("bench");
        Result first = cli("bench", "report", "--leads", "3000", "--month", "2026-10", "--dir", dir.toString());
        assertEquals(0, first.code(), first.err());
        assertThat(first.out()).contains("writing 3", "leads of tenant 'bench', 2024-11 to 2026-10", "first run", "second run",
                "peak heap used", "lead-production-2026-10.pdf", "sales-performance-2026-10.xlsx", "roi-2026-10.xlsx", "total");
        Path month = dir.resolve("reports/bench/2026-10");
        for (String report : List.of("lead-production", "sales-performance", "roi")) {
            for (String ext : List.of("pdf", "xlsx")) {
                assertThat(month.resolve(report + "-2026-10." + ext)).isNotEmptyFile();
            }
        }
        // every lead handed over in the 12 months is a row of the detail sheet, in time order
        Long handed = warehouse.bean(org.springframework.jdbc.core.JdbcTemplate.class).queryForObject(
                "SELECT COUNT(*) FROM mart_lead WHERE tenant = 'bench' AND handed_month BETWEEN 202511 AND 202610", Long.class);
        try (XSSFWorkbook wb = new XSSFWorkbook(month.resolve("sales-performance-2026-10.xlsx").toFile())) {
            Sheet s = wb.getSheet("Leads handed (12 mo)");
            assertThat(handed).isPositive();
            assertEquals(handed.intValue(), s.getLastRowNum());
            for (int r = 2; r <= s.getLastRowNum(); r++) {
                assertThat(s.getRow(r).getCell(6).getStringCellValue())
                        .isGreaterThanOrEqualTo(s.getRow(r - 1).getCell(6).getStringCellValue());
            }
        }
        Result again = cli("bench", "report", "--leads", "3000", "--month", "2026-10", "--dir", dir.toString());
        assertEquals(0, again.code(), again.err());
        assertThat(again.out()).contains("reusing 3", "second run");
        assertEquals(2, cli("bench", "reports").code());
    }
}
