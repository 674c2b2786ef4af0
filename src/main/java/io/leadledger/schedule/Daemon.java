package io.leadledger.schedule;

import io.leadledger.jobs.Workspace;
import io.leadledger.ops.ServedWorkspace;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * 'leadledger schedule': ticks the {@link Scheduler} until the process is told to stop (SIGTERM,
 * Ctrl-C). jobs/ is read again on every tick, so a changed schedule or distribution list applies
 * without a restart; a broken edit is logged and the last good configuration kept.
 */
@Component
public class Daemon {

    private static final Logger log = LoggerFactory.getLogger(Daemon.class);
    /** How long stopping waits for a run in progress before the context closes under it. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private final Scheduler scheduler;
    private final ServedWorkspace served;
    private final Clock clock;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Whether run() was entered: 'leadledger console' serves a workspace too, without this daemon running. */
    private final AtomicBoolean running = new AtomicBoolean();

    public Daemon(Scheduler scheduler, ServedWorkspace served, Clock clock) {
        this.scheduler = scheduler;
        this.served = served;
        this.clock = clock;
    }

    public void run(Workspace initial, Duration every, boolean once) throws InterruptedException {
        running.set(true);
        Instant since = clock.instant();
        Workspace ws = initial;
        served.set(ws);
        try {
            do {
                try {
                    Workspace reloaded = Workspace.load(ws.dir());
                    JobSchedule.sync(reloaded);
                    JobSchedule.reports(reloaded);
                    ws = reloaded;
                    served.set(ws);
                } catch (RuntimeException e) {
                    log.error("jobs/ in {} cannot be read, keeping the last good configuration: {}", ws.dir(), e.getMessage());
                }
                try {
                    for (String event : scheduler.tick(ws, since)) {
                        log.info("{}", event);
                    }
                    served.ticked(clock.instant());
                } catch (Exception e) {
                    log.error("scheduler pass failed, tried again in {} s: {}", every.toSeconds(), e.toString());
                }
            } while (!once && !stop.await(every.toMillis(), TimeUnit.MILLISECONDS));
        } finally {
            stopped.countDown();
        }
    }

    /** On shutdown: no new tick; a run in progress gets a grace period to finish. */
    @PreDestroy
    public void stop() throws InterruptedException {
        stop.countDown();
        if (running.get() && !stopped.await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("stopping with a run in progress: it may be left unfinished; the next run of its job marks it FAILED "
                    + "and 'leadledger restart <run>' resumes it");
        }
    }
}
