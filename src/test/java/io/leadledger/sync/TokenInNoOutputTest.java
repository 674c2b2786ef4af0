package io.leadledger.sync;

import io.leadledger.extract.api.HubSpotFake;
import io.leadledger.support.CliDriver;
import io.leadledger.support.CliProcess;
import io.leadledger.support.Mails;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The API token appears in no output: a nightly sync of HubSpot contacts and deals through the real command line
 * (a child JVM, the token in its environment, a 429 and a 502 on the way), its status and the month's reports;
 * then every place searched for the token: stdout and stderr of each run, the log file (DEBUG), every text column
 * of every table of the warehouse (Spring Batch's execution contexts and parameters, run_history and the rest),
 * and the text of every PDF and every cell of every XLSX.
 */
class TokenInNoOutputTest {

    static final String TOKEN = HubSpotFake.TOKEN;

    @Test
    void theTokenIsInNoStreamLogTableOrReport() throws Exception {
        Path tmp = Files.createTempDirectory("leadledger-token");
        String h2 = "jdbc:h2:file:" + tmp.resolve("db/warehouse") + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE";
        Path log = tmp.resolve("logs/leadledger.log");
        try (HubSpotFake hub = new HubSpotFake()) {
            Instant t = Instant.parse("2026-10-01T10:00:00Z");
            for (int i = 1; i <= 150; i++) {
                hub.add("contacts", i, t.plusSeconds(i * 600L), Map.of("email", "p" + i + "@example.com",
                        "firstname", "P" + i, "createdate", t.plusSeconds(i * 600L).toString(), "hs_analytics_source", "PAID_SEARCH"));
            }
            hub.add(new HubSpotFake.Rec("deals", 9001, Map.of("dealname", "Big", "dealstage", "closedwon", "amount", "1200.50",
                    "closedate", "2026-10-20T00:00:00Z", "createdate", "2026-10-05T00:00:00Z"),
                    Instant.parse("2026-10-20T00:00:00Z"), false, List.of(7L)));
            hub.add("companies", 500, t, Map.of("domain", "bigco.example"));
            hub.dealCompany.put(9001L, 500L);
            hub.failNext("429");
            hub.failNext("500");
            Path jobs = tmp.resolve("jobs");
            Files.createDirectories(jobs);
            Files.writeString(jobs.resolve("leadledger.yml"), "tenant:\n  id: tok\n  name: Token Co\n  reportingCurrency: USD\n  timezone: UTC\n");
            Files.writeString(jobs.resolve("nightly-sync.yml"), """
                    sources:
                      - name: hubspot
                        profile: hubspot-api-contacts
                        api: { vendor: hubspot, object: contacts, tokenEnv: HUBSPOT_TEST_TOKEN, baseUrl: %1$s }
                      - name: hubspot-deals
                        profile: hubspot-api-deals
                        defaultCurrency: USD
                        api: { vendor: hubspot, object: deals, tokenEnv: HUBSPOT_TEST_TOKEN, baseUrl: %1$s }
                    """.formatted(hub.url()));
            Files.writeString(jobs.resolve("monthly-reports.yml"), "formats: [pdf, xlsx]\nout: " + tmp.resolve("out") + "\n");
            Map<String, String> env = Map.of("LEADLEDGER_DB_URL", h2, "HUBSPOT_TEST_TOKEN", TOKEN);
            String[] logging = {"--logging.file.name=" + log, "--logging.level.io.leadledger=DEBUG"};

            List<CliDriver.Result> runs = new ArrayList<>();
            runs.add(CliProcess.run(tmp, env, concat(logging, "run", "nightly-sync", "--jobs", jobs.toString())));
            assertEquals(0, runs.get(0).code(), runs.get(0)::toString);
            runs.add(CliProcess.run(tmp, env, concat(logging, "status", "--jobs", jobs.toString())));
            runs.add(CliProcess.run(tmp, env, concat(logging, "history", "--jobs", jobs.toString())));
            runs.add(CliProcess.run(tmp, env, concat(logging, "check", "hubspot", "--jobs", jobs.toString())));
            runs.add(CliProcess.run(tmp, env, concat(logging, "run", "monthly-reports", "--month", "2026-10", "--jobs",
                    jobs.toString())));
            assertEquals(0, runs.get(runs.size() - 1).code(), runs.get(runs.size() - 1)::toString);
            assertThat(hub.calls).as("the sync went through the fault and on").hasSizeGreaterThan(4);

            for (CliDriver.Result r : runs) {
                assertThat(r.out() + r.err()).doesNotContain(TOKEN);
            }
            assertThat(Files.readString(log)).as("the log file").contains("DEBUG").doesNotContain(TOKEN);

            // every text column of every table, Batch's included
            int columns = 0;
            boolean sawData = false;
            try (Connection c = DriverManager.getConnection(h2, "sa", ""); Statement s = c.createStatement()) {
                List<String[]> texts = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS "
                        + "WHERE TABLE_SCHEMA = SCHEMA() AND (UPPER(DATA_TYPE) LIKE '%CHAR%' OR UPPER(DATA_TYPE) IN ('CLOB', 'JSON', 'TEXT'))")) {
                    while (rs.next()) {
                        texts.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
                for (String[] tc : texts) {
                    columns++;
                    try (ResultSet rs = s.executeQuery("SELECT \"" + tc[1] + "\" FROM \"" + tc[0] + "\"")) {
                        while (rs.next()) {
                            String v = rs.getString(1);
                            if (v != null) {
                                assertThat(v).as(tc[0] + "." + tc[1]).doesNotContain(TOKEN);
                            }
                            sawData |= v != null && v.contains("p7@example.com");
                        }
                    }
                }
                assertThat(texts).as("Batch's contexts and run_history are searched").anyMatch(tc ->
                        tc[0].equalsIgnoreCase("batch_step_execution_context")).anyMatch(tc -> tc[0].equalsIgnoreCase("run_history"));
            }
            assertThat(columns).isGreaterThan(100);
            assertThat(sawData).as("the search reads the data (a contact's e-mail is found)").isTrue();

            // every report file
            List<Path> reports;
            try (Stream<Path> files = Files.walk(tmp.resolve("out"))) {
                reports = files.filter(Files::isRegularFile).toList();
            }
            assertThat(reports).hasSize(6);
            for (Path f : reports) {
                String text = f.toString().endsWith(".pdf") ? Mails.pdfText(Files.readAllBytes(f)) : xlsxText(f);
                assertThat(text).as(f.toString()).contains("hubspot").doesNotContain(TOKEN);
            }
        }
    }

    private static String[] concat(String[] first, String... rest) {
        return Stream.concat(Stream.of(rest), Stream.of(first)).toArray(String[]::new);
    }

    private static String xlsxText(Path f) throws Exception {
        StringBuilder b = new StringBuilder();
        try (InputStream in = Files.newInputStream(f); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            for (Sheet s : wb) {
                b.append(s.getSheetName()).append('\n');
                for (Row r : s) {
                    for (Cell c : r) {
                        b.append(c.toString()).append('\t');
                    }
                    b.append('\n');
                }
            }
        }
        return b.toString();
    }
}
