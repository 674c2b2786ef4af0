package io.leadledger.ops;

import io.leadledger.support.CliDriver;
import io.leadledger.support.CliDriver.Result;
import io.leadledger.support.Mails;
import io.leadledger.support.OpsTenant;
import io.leadledger.support.PausingLauncher;
import io.leadledger.support.TestSmtp;
import io.leadledger.support.TestWarehouse;
import jakarta.mail.internet.MimeMessage;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.leadledger.support.OpsTenant.EXECUTIVES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * kill -9 at ten points of the nightly and monthly jobs, on MariaDB: a real child JVM
 * ({@link PausingLauncher}: the command line, stopped dead at a named point) is killed with
 * destroyForcibly (SIGKILL). Then, with no --force and no waiting, the next {@code restart}/{@code run}
 * completes and every number of the six report files (XLSX numeric cells; the numbers in the PDFs' text)
 * equals the files of an uninterrupted night, the count audit included.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class KillRecoveryTest {

    static final String MONTH = "2026-10";
    static final List<String> FILES = List.of("lead-production", "sales-performance", "roi").stream()
            .flatMap(r -> Stream.of(r + "-" + MONTH + ".pdf", r + "-" + MONTH + ".xlsx")).toList();

    Path tmp;
    TestSmtp smtp;
    TestWarehouse w;
    String[] appArgs;
    Map<String, List<String>> uninterrupted;

    @BeforeAll
    void start() throws Exception {
        tmp = Files.createTempDirectory("leadledger-kill-test");
        smtp = new TestSmtp();
        // two rows a chunk: every import file commits in more than one transaction, so a kill can fall between them
        List<String> args = new ArrayList<>(List.of(smtp.args()));
        args.add("--leadledger.import.batch-rows=2");
        appArgs = args.toArray(String[]::new);
        w = TestWarehouse.mariadb("leadledger_kill", null, appArgs);
        Path jobs = OpsTenant.write(tmp.resolve("whole"), "whole", "");
        assertEquals(0, cli("run", "nightly-sync", "--jobs", jobs.toString()).code());
        assertEquals(0, cli("run", "monthly-reports", "--month", MONTH, "--jobs", jobs.toString()).code());
        uninterrupted = figures(tmp.resolve("whole/out/whole").resolve(MONTH));
    }

    @AfterAll
    void stop() {
        w.close();
        smtp.close();
    }

    private Result cli(String... args) {
        return CliDriver.run(w, args);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "leads file, between its chunks       | nightly | sql:INSERT INTO stg_lead#2             | restart",
            "deals file, between its chunks       | nightly | sql:INSERT INTO stg_deal#2             | restart",
            "spend file, between its chunks       | nightly | sql:INSERT INTO stg_spend#2            | run",
            "reconcile: matching                  | nightly | sql:DELETE FROM int_lead_merge WHERE   | run",
            "reconcile: core                      | nightly | sql:DELETE FROM core_lead WHERE        | restart",
            "reconcile: attribution               | nightly | sql:INSERT INTO core_attribution       | run",
            "reconcile: marts                     | nightly | sql:DELETE FROM mart_lead WHERE        | restart",
            "report file: lead production PDF     | monthly | file:lead-production-2026-10.pdf       | run",
            "report file: ROI XLSX                | monthly | file:roi-2026-10.xlsx                  | run",
            "e-mail: accepted by SMTP, not logged | monthly | sql:UPDATE delivery_log SET status = \\?, sent_at | run"})
    void aRunKilledAtThisPointRecoversWithNoForceAndNoWaiting(String point, String job, String at, String next) throws Exception {
        String tenant = "kill" + (char) ('a' + Math.abs(point.hashCode() % 26)) + (char) ('a' + Math.abs(at.hashCode() % 26));
        Path dir = tmp.resolve(tenant);
        Path jobs = OpsTenant.write(dir, tenant, "");
        smtp.purge();
        if (job.equals("monthly")) {
            assertEquals(0, cli("run", "nightly-sync", "--jobs", jobs.toString()).code());
        }
        List<String> command = job.equals("nightly") ? List.of("run", "nightly-sync", "--jobs", jobs.toString())
                : List.of("run", "monthly-reports", "--month", MONTH, "--jobs", jobs.toString());
        killAt(dir, at, command);
        String afterKill = trail(tenant);

        long killed = w.jdbc().queryForObject("""
                SELECT MAX(e.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_EXECUTION_PARAMS p
                  ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'tenant' WHERE p.PARAMETER_VALUE = ?""",
                Long.class, tenant);
        assertEquals("STARTED", w.jdbc().queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
                String.class, killed), "the killed run is left STARTED, holding its lock");

        Result recovered = next.equals("restart") ? cli("restart", Long.toString(killed), "--jobs", jobs.toString())
                : cli(command.toArray(String[]::new));
        assertEquals(0, recovered.code(), recovered::toString);
        if (job.equals("nightly")) {
            Result monthly = cli("run", "monthly-reports", "--month", MONTH, "--jobs", jobs.toString());
            assertEquals(0, monthly.code(), monthly::toString);
        }
        Path month = dir.resolve("out").resolve(tenant).resolve(MONTH);
        assertEquals(uninterrupted, figures(month), () -> "every figure of the six files equals the uninterrupted night's\n"
                + "after the kill:\n" + afterKill + "\nat the end:\n" + trail(tenant));
        try (Stream<Path> left = Files.list(month)) {
            assertThat(left.map(f -> f.getFileName().toString())).as("no temporary left behind").containsExactlyInAnyOrderElementsOf(FILES);
        }
        for (String exec : EXECUTIVES) {
            List<MimeMessage> got = smtp.to(exec);
            assertThat(got).as("every executive has the reports").isNotEmpty();
            assertThat(got.stream().map(KillRecoveryTest::messageId).distinct()).as("a copy sent again has the same Message-ID")
                    .hasSize(1);
        }
        if (at.contains("delivery_log")) {
            assertEquals(2, smtp.to(EXECUTIVES.get(0)).size(), "killed after the server took it: sent again (at least once)");
        }
    }

    /** What the night left behind, for a failure's message: the audit lines, the runs and their steps. */
    private String trail(String tenant) {
        return "run_audit: " + w.jdbc().queryForList("SELECT run_id, source_name, status, rows_read FROM run_audit "
                + "WHERE tenant = ? ORDER BY run_id, source_name", tenant)
                + "\nrun_history: " + w.jdbc().queryForList("SELECT run_id, job_instance_id, job_name, status FROM "
                + "run_history WHERE tenant = ? ORDER BY run_id", tenant)
                + "\nsteps: " + w.jdbc().queryForList("""
                        SELECT s.JOB_EXECUTION_ID, s.STEP_NAME, s.STATUS, s.READ_COUNT, s.WRITE_COUNT FROM BATCH_STEP_EXECUTION s
                        WHERE s.JOB_EXECUTION_ID IN (SELECT run_id FROM run_history WHERE tenant = ?)
                        ORDER BY s.STEP_EXECUTION_ID""", tenant);
    }

    /** Starts the command line in a child JVM paused at {@code at}, waits for the pause and kills it (SIGKILL). */
    private void killAt(Path dir, String at, List<String> command) throws Exception {
        Path signal = dir.resolve("paused");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true", "-Dpause.at=" + at,
                "-Dpause.signal=" + signal, "-cp", System.getProperty("java.class.path")));
        // Spring properties as system properties: the command line itself takes only the command's options
        cmd.addAll(List.of("-Dspring.datasource.url=" + w.url(), "-Dspring.datasource.username=" + TestWarehouse.MARIADB_USER,
                "-Dspring.datasource.password=" + TestWarehouse.MARIADB_PASSWORD, "-Dlogging.level.io.leadledger=WARN"));
        for (String a : appArgs) {
            cmd.add("-D" + a.substring(2));
        }
        cmd.add(PausingLauncher.class.getName());
        cmd.addAll(command);
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(signal)) {
            if (!child.isAlive()) {
                fail("the child ended (exit " + child.exitValue() + ") before reaching " + at + ":\n"
                        + Files.readString(dir.resolve("child.log")));
            }
            if (System.nanoTime() > deadline) {
                child.destroyForcibly().waitFor();
                fail("the child did not reach " + at + " in 120 s:\n" + Files.readString(dir.resolve("child.log")));
            }
            Thread.sleep(50);
        }
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally, no lock released
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }

    private static String messageId(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Per file: every numeric cell of the XLSX (sheet!cell=value), every number in the text of the PDF. */
    static Map<String, List<String>> figures(Path monthDir) throws Exception {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String f : FILES) {
            Path file = monthDir.resolve(f);
            assertTrue(Files.isRegularFile(file), file + " is written");
            out.put(f, f.endsWith(".xlsx") ? xlsxNumbers(file) : pdfNumbers(Files.readAllBytes(file)));
        }
        return out;
    }

    public static List<String> xlsxNumbers(Path file) throws Exception {
        List<String> n = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            for (Sheet s : wb) {
                for (Row r : s) {
                    for (Cell c : r) {
                        CellType t = c.getCellType() == CellType.FORMULA ? c.getCachedFormulaResultType() : c.getCellType();
                        if (t == CellType.NUMERIC) {
                            n.add(s.getSheetName() + "!" + c.getAddress() + "=" + c.getNumericCellValue());
                        }
                    }
                }
            }
        }
        return n;
    }

    /** Numbers in the PDF text; what differs between two nights by nature is masked: run ids, generation time, paths. */
    public static List<String> pdfNumbers(byte[] pdf) {
        String text = Mails.pdfText(pdf)
                .replaceAll("\\S*/\\S*", "PATH")
                .replaceAll("(?i)runs? [0-9][0-9, ]*", "run N")
                .replaceAll("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2})?( UTC)?", "TIME");
        List<String> n = new ArrayList<>();
        Matcher m = Pattern.compile("-?\\d[\\d,.]*%?").matcher(text);
        while (m.find()) {
            n.add(m.group());
        }
        return n;
    }
}
