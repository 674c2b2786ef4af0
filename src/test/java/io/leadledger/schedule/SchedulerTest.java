package io.leadledger.schedule;

import io.leadledger.jobs.Workspace;
import io.leadledger.support.Mails;
import io.leadledger.support.OpsTenant;
import io.leadledger.support.TestClock;
import io.leadledger.support.TestSmtp;
import io.leadledger.support.TestWarehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.leadledger.support.OpsTenant.EXECUTIVES;
import static io.leadledger.support.OpsTenant.OPERATIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The daemon's scheduling with a clock the test moves: catching up once after being down across
 * several nights and a month's delivery day, and two daemons on one MariaDB warehouse (two application
 * contexts, as on two machines) competing for the same slot.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchedulerTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    Path tmp;
    TestSmtp smtp;
    TestClock clock;
    /** The first of a month ahead of the real date, so cron slots in the test are after every real timestamp. */
    ZonedDateTime deliveryMonthStart;
    YearMonth reportMonth;

    @BeforeAll
    void start() throws Exception {
        tmp = Files.createTempDirectory("leadledger-scheduler-test");
        smtp = new TestSmtp();
        clock = new TestClock(Instant.now());
        deliveryMonthStart = YearMonth.now(NEW_YORK).plusMonths(2).atDay(1).atStartOfDay(NEW_YORK);
        reportMonth = YearMonth.from(deliveryMonthStart).minusMonths(1);
    }

    @BeforeEach
    void purge() {
        smtp.purge();
    }

    @AfterAll
    void stop() {
        smtp.close();
    }

    private static long count(TestWarehouse w, String tenant, String job, String status) {
        Long n = w.jdbc().queryForObject("""
                SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'tenant'
                WHERE p.PARAMETER_VALUE = ? AND i.JOB_NAME = ? AND (? IS NULL OR e.STATUS = ?)""", Long.class,
                tenant, job, status, status);
        return n == null ? 0 : n;
    }

    private String subject() {
        return "Opsco Ltd: monthly reports for " + DateTimeFormatter.ofPattern("MMMM yyyy", Locale.US).format(reportMonth);
    }

    @Test
    void aDaemonDownForSeveralNightsCatchesUpOnceAndDeliversTheMonthItMissed() throws Exception {
        try (TestWarehouse w = TestWarehouse.h2(tmp.resolve("catch-up-db"), clock, smtp.args())) {
            Workspace ws = Workspace.load(OpsTenant.write(tmp.resolve("catch-up"), "catchup", ""));
            Scheduler scheduler = w.bean(Scheduler.class);
            Instant started = deliveryMonthStart.minusDays(5).plusHours(12).toInstant();
            clock.set(started);
            assertThat(scheduler.tick(ws, started)).isEmpty();
            assertEquals(0, count(w, "catchup", "nightly-sync", null));

            // the first night at 02:30
            clock.set(deliveryMonthStart.minusDays(4).withHour(3).toInstant());
            assertThat(scheduler.tick(ws, started)).singleElement().asString().contains("nightly-sync: run", "COMPLETED");
            assertEquals(1, count(w, "catchup", "nightly-sync", "COMPLETED"));

            // down for eight nights and the first working day of the month; a new daemon comes back at noon
            Instant back = deliveryMonthStart.plusDays(4).withHour(12).toInstant();
            clock.set(back);
            List<String> events = scheduler.tick(ws, back);
            assertThat(events).anySatisfy(e -> assertThat(e).contains("nightly-sync: run", "for slot "
                    + deliveryMonthStart.plusDays(4).withHour(2).withMinute(30).toInstant(), "COMPLETED"));
            assertThat(events).anySatisfy(e -> assertThat(e).contains("monthly-reports " + reportMonth, "COMPLETED",
                    "sent to 2 of 2 recipients"));
            assertEquals(2, count(w, "catchup", "nightly-sync", null), "one catch-up run, not one per missed night");
            assertEquals(1, count(w, "catchup", "monthly-reports", "COMPLETED"));
            for (String exec : EXECUTIVES) {
                assertThat(smtp.to(exec)).hasSize(1);
                Mails mail = Mails.read(smtp.to(exec).get(0));
                assertEquals(subject(), mail.subject());
                assertThat(Mails.pdfText(mail.attachments().get("roi-" + reportMonth + ".pdf"))).contains("End-to-end ROI");
            }

            // the next passes the same day: nothing is due
            clock.advance(Duration.ofMinutes(1));
            assertThat(scheduler.tick(ws, back)).isEmpty();
            clock.advance(Duration.ofHours(3));
            assertThat(scheduler.tick(ws, back)).isEmpty();
            assertEquals(2, count(w, "catchup", "nightly-sync", null));
            assertEquals(1, count(w, "catchup", "monthly-reports", null));
            assertThat(smtp.all()).hasSize(2);

            // the next night runs as usual
            clock.set(deliveryMonthStart.plusDays(5).withHour(2).withMinute(31).toInstant());
            assertThat(scheduler.tick(ws, back)).singleElement().asString().contains("nightly-sync: run");
            assertEquals(3, count(w, "catchup", "nightly-sync", "COMPLETED"));
        }
    }

    @Test
    void twoDaemonsOnOneWarehouseRunEachJobOnce() throws Exception {
        try (TestWarehouse a = TestWarehouse.mariadb("leadledger_sched", clock, smtp.args());
             TestWarehouse b = a.sharing(clock, smtp.args())) {
            Workspace ws = Workspace.load(OpsTenant.write(tmp.resolve("race"), "race", ""));
            Instant started = deliveryMonthStart.minusDays(5).plusHours(12).toInstant();
            // both daemons started before the night and the delivery day, and pass at the same moment after them
            clock.set(deliveryMonthStart.plusDays(4).withHour(12).toInstant());
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<List<String>>> passes = List.of(a, b).stream().map(w -> pool.submit(() -> {
                    Scheduler s = w.bean(Scheduler.class);
                    together.await();
                    return s.tick(ws, started);
                })).toList();
                List<String> first = passes.get(0).get();
                List<String> second = passes.get(1).get();
                List<String> all = new java.util.ArrayList<>(first);
                all.addAll(second);
                assertThat(all).as(all.toString()).filteredOn(e -> e.startsWith("nightly-sync: run ")).hasSize(1);
                assertThat(all).as(all.toString()).filteredOn(e -> e.startsWith("monthly-reports " + reportMonth + ": run ")).hasSize(1);
                assertThat(all).as("the other daemon found the job running or done")
                        .anySatisfy(e -> assertThat(e).containsAnyOf("running elsewhere", "already run by another process"));
            } finally {
                pool.shutdown();
            }
            assertEquals(1, count(a, "race", "nightly-sync", null), "exactly one nightly run");
            assertEquals(1, count(a, "race", "nightly-sync", "COMPLETED"));
            assertEquals(1, count(a, "race", "monthly-reports", null), "exactly one monthly run");
            assertEquals(1, count(a, "race", "monthly-reports", "COMPLETED"));
            for (String exec : EXECUTIVES) {
                assertThat(smtp.to(exec)).hasSize(1);
            }
            assertThat(smtp.to(OPERATIONS)).isEmpty();

            // and again, one after the other: nothing is due for either
            assertThat(a.bean(Scheduler.class).tick(ws, started)).isEmpty();
            assertThat(b.bean(Scheduler.class).tick(ws, started)).isEmpty();
            assertEquals(1, count(b, "race", "nightly-sync", null));
        }
    }
}
