package io.leadledger.deliver;

import io.leadledger.ops.HostProcess;
import io.leadledger.support.CliDriver;
import io.leadledger.support.CliDriver.Result;
import io.leadledger.support.Mails;
import io.leadledger.support.OpsTenant;
import io.leadledger.support.TestClock;
import io.leadledger.support.TestSmtp;
import io.leadledger.support.TestWarehouse;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.leadledger.support.OpsTenant.EXECUTIVES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * What the monthly job does after an SMTP outage or a kill, against a real SMTP server (GreenMail), on
 * H2 and MariaDB: an exit code cron and systemd see when e-mails are left pending; a retry that needs no
 * report file in the output folder (the report archive); a copy sent again after a kill carries the same
 * Message-ID; temporaries of a killed report write removed by the next report run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryRecoveryTest {

    Path tmp;
    TestSmtp smtp;
    TestClock clock;
    final Map<String, TestWarehouse> warehouses = new LinkedHashMap<>();

    @BeforeAll
    void start() throws Exception {
        tmp = Files.createTempDirectory("leadledger-delivery-recovery-test");
        smtp = new TestSmtp();
        clock = new TestClock(Instant.now());
        warehouses.put("h2", TestWarehouse.h2(tmp.resolve("h2-db"), clock, smtp.args()));
        warehouses.put("mariadb", TestWarehouse.mariadb("leadledger_delivery_recovery", clock, smtp.args()));
    }

    @AfterAll
    void stop() {
        warehouses.values().forEach(TestWarehouse::close);
        smtp.close();
    }

    private Path tenant(String db, String name, String reportsYaml) throws Exception {
        smtp.purge();
        clock.set(Instant.now());
        Path jobs = OpsTenant.write(tmp.resolve(db + "-" + name), name, reportsYaml);
        Result sync = cli(db, "run", "nightly-sync", "--jobs", jobs.toString());
        assertEquals(0, sync.code(), sync::toString);
        clock.set(Instant.now());
        return jobs;
    }

    private Result cli(String db, String... args) {
        return CliDriver.run(warehouses.get(db), args);
    }

    private static Path monthDir(Path jobs, String tenant) {
        return jobs.getParent().resolve("out").resolve(tenant).resolve("2026-10");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void pendingEmailsExitThreeAndTheirRetryNeedsNoOutputFolder(String db) throws Exception {
        Path jobs = tenant(db, "pending", "attachXlsx: true\n");
        smtp.stop();
        try {
            Result run = cli(db, "run", "monthly-reports", "--month", "2026-10", "--jobs", jobs.toString());
            assertEquals(3, run.code(), run::toString);
            assertThat(run.out()).contains("sent to 0 of 2 recipients; 2 pending, retried by the next runs");
            assertThat(run.err()).contains("2 e-mails left pending");
        } finally {
            smtp.start();
        }
        Map<String, byte[]> rendered = new LinkedHashMap<>();
        Path month = monthDir(jobs, "pending");
        try (Stream<Path> files = Files.list(month)) {
            for (Path f : files.sorted().toList()) {
                rendered.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        assertEquals(6, rendered.size());
        // someone cleans the output folder before the retry
        try (Stream<Path> all = Files.walk(jobs.getParent().resolve("out"))) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }

        clock.advance(Duration.ofMinutes(6)); // past the first backoff
        assertEquals(0, cli(db, "run", "nightly-sync", "--jobs", jobs.toString()).code());
        for (String exec : EXECUTIVES) {
            assertThat(smtp.to(exec)).hasSize(1);
            Map<String, byte[]> got = Mails.read(smtp.to(exec).get(0)).attachments();
            assertEquals(rendered.keySet(), got.keySet());
            for (String f : rendered.keySet()) {
                assertArrayEquals(rendered.get(f), got.get(f), f + " is the file rendered for the delivery");
            }
        }
        assertFalse(Files.exists(month));
        Result again = cli(db, "run", "monthly-reports", "--month", "2026-10", "--jobs", jobs.toString());
        assertEquals(0, again.code(), again::toString);
        assertThat(again.out()).contains("sent to 0 of 2 recipients, 2 had it already");
    }

    /** The Message-ID by its documented recipe: SHA-256 of tenant, month, recipient and figures version, 32 hex digits. */
    private static String expectedMessageId(String tenant, String recipient, String version) throws Exception {
        byte[] h = MessageDigest.getInstance("SHA-256").digest((tenant + "\n2026-10\n" + recipient + "\n" + version)
                .getBytes(StandardCharsets.UTF_8));
        return "<" + HexFormat.of().formatHex(h).substring(0, 32) + ".reports@leadledger>";
    }

    private static String id(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aDeliveryKilledAfterTheServerTookItIsSentAgainAtOnceWithTheSameMessageId(String db) throws Exception {
        TestWarehouse w = warehouses.get(db);
        Path jobs = tenant(db, "twice", "");
        assertEquals(0, cli(db, "run", "monthly-reports", "--month", "2026-10", "--jobs", jobs.toString()).code());
        String ceo = EXECUTIVES.get(0);
        String cmo = EXECUTIVES.get(1);
        String version = w.jdbc().queryForObject("SELECT version FROM delivery_log WHERE tenant = 'twice' AND recipient = ?",
                String.class, ceo);
        assertEquals(expectedMessageId("twice", ceo, version), id(smtp.to(ceo).get(0)));

        // a kill after the server took the CEO's e-mail, before the log said 'sent': the row is still
        // claimed by the dead process, its lease 10 minutes ahead
        String host = w.bean(HostProcess.class).self().replaceFirst(" pid \\d+$", "");
        Timestamp lease = Timestamp.valueOf(LocalDateTime.ofInstant(clock.instant().plus(Duration.ofMinutes(10)), ZoneOffset.UTC));
        w.jdbc().update("UPDATE delivery_log SET status = 'sending', sent_at = NULL, claimed_by = ?, next_attempt_at = ? "
                + "WHERE tenant = 'twice' AND recipient = ?", host + " pid " + deadPid(), lease, ceo);
        // the CMO's is being sent right now by a live process: left to it
        Process live = new ProcessBuilder("sleep", "60").start();
        try {
            w.jdbc().update("UPDATE delivery_log SET status = 'sending', sent_at = NULL, claimed_by = ?, next_attempt_at = ? "
                    + "WHERE tenant = 'twice' AND recipient = ?", host + " pid " + live.pid(), lease, cmo);
            Result run = cli(db, "run", "monthly-reports", "--month", "2026-10", "--jobs", jobs.toString());
            assertEquals(3, run.code(), run::toString);
            assertThat(run.out()).contains("1 pending");
        } finally {
            live.destroyForcibly().waitFor();
        }
        assertThat(smtp.to(ceo)).as("at least once: sent again, no 10-minute wait").hasSize(2);
        assertEquals(id(smtp.to(ceo).get(0)), id(smtp.to(ceo).get(1)), "the copy has the first one's Message-ID");
        assertThat(smtp.to(cmo)).hasSize(1);
        assertEquals(expectedMessageId("twice", cmo, version), id(smtp.to(cmo).get(0)));

        // a deliberate --resend is a new message
        w.jdbc().update("UPDATE delivery_log SET status = 'sent' WHERE tenant = 'twice'");
        assertEquals(0, cli(db, "run", "monthly-reports", "--month", "2026-10", "--resend", "--jobs", jobs.toString()).code());
        assertEquals(expectedMessageId("twice", ceo, version).replace(".reports@", ".1.reports@"), id(smtp.to(ceo).get(2)));
    }

    @Test
    void temporariesOfAKilledReportWriteAreRemovedByTheNextReportRun() throws Exception {
        Path jobs = tenant("mariadb", "temps", "");
        Path month = monthDir(jobs, "temps");
        Path earlier = month.resolveSibling("2026-09");
        Files.createDirectories(month);
        Files.createDirectories(earlier);
        FileTime hourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        List<Path> ours = List.of(month.resolve(".roi-2026-10.pdf." + UUID.randomUUID() + ".tmp"),
                month.resolve("roi-2026-10.xlsx.tmp"), earlier.resolve(".lead-production-2026-09.pdf." + UUID.randomUUID() + ".tmp"));
        List<Path> notOurs = List.of(month.resolve(".notes.pdf.tmp"), month.resolve("budget.xlsx.bak"), month.resolve("x.tmp"));
        for (Path f : Stream.concat(ours.stream(), notOurs.stream()).toList()) {
            Files.writeString(f, "half a file");
            Files.setLastModifiedTime(f, hourAgo);
        }
        Result run = cli("mariadb", "run", "monthly-reports", "--month", "2026-10", "--jobs", jobs.toString());
        assertEquals(0, run.code(), run::toString);
        assertThat(ours).noneMatch(Files::exists);
        assertThat(notOurs).allMatch(Files::exists);
        assertThat(month.resolve("roi-2026-10.pdf")).exists();
    }
}
