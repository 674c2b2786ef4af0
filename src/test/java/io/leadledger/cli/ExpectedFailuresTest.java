package io.leadledger.cli;

import io.leadledger.support.CliDriver.Result;
import io.leadledger.support.CliProcess;
import io.leadledger.support.OpsTenant;
import io.leadledger.support.TestWarehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Expected failures of the real command line (its own JVM, through main): exactly one line on stderr that says what
 * is wrong and what to do, the documented exit code, and no stack trace anywhere on the terminal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExpectedFailuresTest {

    Path tmp;
    String h2;

    @BeforeAll
    void setUp() throws Exception {
        tmp = Files.createTempDirectory("leadledger-failures-test");
        h2 = "jdbc:h2:file:" + tmp.resolve("db/warehouse") + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE";
    }

    /** One line on stderr, and neither stream shows a Java stack trace. */
    static String oneLine(Result r) {
        assertThat(r.err().lines().toList()).as(r::toString).hasSize(1);
        for (String stream : new String[] {r.out(), r.err()}) {
            assertThat(stream).as(r::toString).doesNotContain("\tat ", "at io.", "Caused by", "Exception:");
        }
        return r.err().strip();
    }

    Result cli(Path workDir, String... args) throws Exception {
        return CliProcess.run(workDir, Map.of("LEADLEDGER_DB_URL", h2), args);
    }

    @Test
    void aWrongMariaDbPasswordIsOneLineExit2AndNeverShowsThePassword() throws Exception {
        Result r = CliProcess.run(tmp, Map.of("LEADLEDGER_DB_URL", "jdbc:mysql://" + TestWarehouse.MARIADB_HOST
                        + "/mysql?sslMode=DISABLED&allowPublicKeyRetrieval=true", "LEADLEDGER_DB_USER", "leadledger_nobody",
                "LEADLEDGER_DB_PASSWORD", "Pw-s3cret-77"), "status");
        assertEquals(2, r.code(), r::toString);
        assertThat(oneLine(r)).matches("error: the warehouse database at \\Q" + TestWarehouse.MARIADB_HOST + "\\E/mysql "
                + "refused the login as 'leadledger_nobody' \\(Access denied for user 'leadledger_nobody'@'[^']+' "
                + "\\(using password: YES\\)\\): check LEADLEDGER_DB_USER and LEADLEDGER_DB_PASSWORD");
        assertThat(r.out() + r.err()).doesNotContain("Pw-s3cret-77").doesNotContainIgnoringCase("bench");

        // the trace is in the log for who asks for it, and still starts nowhere near a benchmark
        Result debug = CliProcess.run(tmp, Map.of("LEADLEDGER_DB_URL", "jdbc:mysql://" + TestWarehouse.MARIADB_HOST
                        + "/mysql?sslMode=DISABLED&allowPublicKeyRetrieval=true", "LEADLEDGER_DB_USER", "leadledger_nobody",
                "LEADLEDGER_DB_PASSWORD", "Pw-s3cret-77"), "status", "--logging.level.io.leadledger=DEBUG");
        assertEquals(2, debug.code(), debug::toString);
        assertThat(debug.err().lines()).hasSize(1);
        assertThat(debug.out()).contains("DEBUG start failed", "Caused by: ", "Access denied for user 'leadledger_nobody'")
                .doesNotContain("Pw-s3cret-77").doesNotContainIgnoringCase("benchmark");
    }

    @Test
    void aMariaDbDatabaseThatDoesNotExistIsOneLineExit2() throws Exception {
        String db = "leadledger_missing_" + ProcessHandle.current().pid();
        Result r = CliProcess.run(tmp, Map.of("LEADLEDGER_DB_URL", "jdbc:mysql://" + TestWarehouse.MARIADB_HOST + "/" + db
                        + "?sslMode=DISABLED&allowPublicKeyRetrieval=true", "LEADLEDGER_DB_USER", TestWarehouse.MARIADB_USER,
                "LEADLEDGER_DB_PASSWORD", TestWarehouse.MARIADB_PASSWORD), "history");
        assertEquals(2, r.code(), r::toString);
        assertEquals("error: the warehouse database at " + TestWarehouse.MARIADB_HOST + "/" + db + " does not exist (Unknown "
                + "database '" + db + "'): create it (CHARACTER SET utf8mb4 COLLATE utf8mb4_bin) or fix LEADLEDGER_DB_URL", oneLine(r));
    }

    @Test
    void anUnreachableDatabaseIsOneLineExit1() throws Exception {
        Result r = CliProcess.run(tmp, Map.of("LEADLEDGER_DB_URL", "jdbc:mysql://127.0.0.1:1/leadledger?sslMode=DISABLED",
                "LEADLEDGER_DB_USER", "root"), "run", "nightly-sync");
        assertEquals(1, r.code(), r::toString);
        assertThat(oneLine(r)).startsWith("error: cannot reach the warehouse database at 127.0.0.1:1/leadledger (")
                .endsWith("): is the server running, and is LEADLEDGER_DB_URL right?");
    }

    @Test
    void anH2WarehouseOpenInAnotherProcessIsOneLineExit1() throws Exception {
        String url = "jdbc:h2:file:" + tmp.resolve("busy/warehouse") + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE";
        try (Connection daemon = DriverManager.getConnection(url, "sa", "")) {
            Result r = CliProcess.run(tmp, Map.of("LEADLEDGER_DB_URL", url), "status");
            assertEquals(1, r.code(), r::toString);
            assertEquals("error: the H2 warehouse at " + tmp.resolve("busy/warehouse") + " is in use by another Leadledger "
                    + "process (the daemon?): stop it, or use MySQL/MariaDB to run commands alongside the daemon", oneLine(r));
        }
    }

    @Test
    void aSecondDaemonOnTheSamePortIsOneLineExit1() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Result r = CliProcess.run(tmp, Map.of("LEADLEDGER_DB_URL", h2, "LEADLEDGER_MANAGEMENT_PORT",
                    String.valueOf(taken.getLocalPort())), "schedule");
            assertEquals(1, r.code(), r::toString);
            assertEquals("error: port " + taken.getLocalPort() + " for health and metrics is in use (another 'leadledger "
                    + "schedule'?): stop it, or set LEADLEDGER_MANAGEMENT_PORT", oneLine(r));
        }
    }

    @Test
    void aConfigTypoThenALockedJobThenAMissingColumn() throws Exception {
        Path dir = tmp.resolve("typo");
        OpsTenant.write(dir, "locked", "");
        Path sync = dir.resolve("jobs/nightly-sync.yml");
        String good = Files.readString(sync);
        Files.writeString(sync, good.replace("cron:", "crom:"));
        Result typo = cli(dir, "run", "nightly-sync");
        assertEquals(2, typo.code(), typo::toString);
        assertEquals("error: unknown setting 'crom' in jobs/nightly-sync.yml (did you mean 'cron'?)", oneLine(typo));

        Files.writeString(sync, good);
        // another machine runs the sync right now
        try (Connection c = DriverManager.getConnection(h2, "sa", "");
             PreparedStatement s = c.prepareStatement("INSERT INTO shedlock (name, lock_until, locked_at, locked_by) VALUES (?, ?, ?, ?)")) {
            s.setString(1, "locked:nightly-sync");
            s.setTimestamp(2, Timestamp.valueOf(LocalDateTime.now().plusHours(1)));
            s.setTimestamp(3, Timestamp.valueOf(LocalDateTime.now()));
            s.setString(4, "other-host pid 4242");
            s.executeUpdate();
        }
        Result locked = cli(dir, "run", "nightly-sync");
        assertEquals(1, locked.code(), locked::toString);
        assertThat(oneLine(locked)).startsWith("error: nightly-sync of tenant locked is already running (locked by other-host pid 4242");

        try (Connection c = DriverManager.getConnection(h2, "sa", "")) {
            c.createStatement().executeUpdate("DELETE FROM shedlock");
        }
        Files.copy(dir.resolve("leads.csv"), tmp.resolve("typo-leads.csv"));
        Files.writeString(dir.resolve("leads.csv"), "Lead;Mail;Date\nL1;a@example.com;03-10-2026 09:15\n");
        Result columns = cli(dir, "run", "nightly-sync");
        assertEquals(1, columns.code(), columns::toString);
        assertThat(oneLine(columns)).startsWith("run ").contains("FAILED", "step import:crm-leads:", "leads.csv failed",
                "missing required columns", "columns found: [Lead, Mail, Date]", "fix the cause, then: leadledger restart ");

        // spend in pounds, and no FX file to convert it with: the reconcile step names the currency and the date
        Files.writeString(dir.resolve("leads.csv"), Files.readString(tmp.resolve("typo-leads.csv")));
        Files.writeString(sync, good.replace("defaultCurrency: USD\n    columns: { date: Day", "defaultCurrency: GBP\n    columns: { date: Day"));
        // a new spend row: the spend file was loaded by the run above (a failed source no longer stops the others),
        // and an unchanged file is skipped
        Files.writeString(dir.resolve("spend.csv"), "02-10-2026;Paid search;Brand;100\n", java.nio.file.StandardOpenOption.APPEND);
        Result fx = cli(dir, "run", "nightly-sync");
        assertEquals(1, fx.code(), fx::toString);
        assertThat(oneLine(fx)).contains("FAILED", "GBP", "fix the cause, then: leadledger restart ");
    }

    @Test
    void aTenantIdThatClimbsOutOfTheOutputFolderIsRefusedAndNothingIsWrittenOutsideIt() throws Exception {
        Path dir = tmp.resolve("climb/a/b/c");
        OpsTenant.write(dir, "../../../x", ""); // out: c/out, so the reports would land in climb/a/x
        Result climb = cli(dir, "report", "--month", "2026-10");
        assertEquals(2, climb.code(), climb::toString);
        assertEquals("error: jobs/leadledger.yml (tenant): tenant.id '../../../x' must be 1 to 64 letters, digits, '-' or"
                + " '_' (it is 10 characters)", oneLine(climb));
        try (Stream<Path> written = Files.walk(tmp.resolve("climb"))) {
            assertThat(written.filter(p -> p.toString().endsWith(".pdf") || p.toString().endsWith(".xlsx"))).isEmpty();
        }
        assertThat(tmp.resolve("climb/a/x")).doesNotExist();
        assertThat(dir.resolve("out")).doesNotExist();

        Path longId = tmp.resolve("long");
        String id = "t".repeat(70);
        OpsTenant.write(longId, id, "");
        Result tooLong = cli(longId, "run", "nightly-sync");
        assertEquals(2, tooLong.code(), tooLong::toString);
        assertEquals("error: jobs/leadledger.yml (tenant): tenant.id '" + id + "' must be 1 to 64 letters, digits, '-' or"
                + " '_' (it is 70 characters)", oneLine(tooLong));
    }
}
