package io.leadledger.schedule;

import io.leadledger.jobs.Clients;
import io.leadledger.jobs.Workspace;
import io.leadledger.ops.ServedWorkspace;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * 'leadledger schedule': ticks the {@link Scheduler} for every tenant until the process is told to stop (SIGTERM,
 * Ctrl-C). jobs/ (or an agency's clients/) is read again on every tick, so a changed schedule or distribution list
 * applies without a restart; a broken edit is logged and the last good configuration kept.
 */
@Component
public class Daemon {

    private static final Logger log = LoggerFactory.getLogger(Daemon.class);
    /** How long stopping waits for a run in progress before the context closes under it. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);
    /** Tenants whose passes run at once (a night each, at most): the database, not Java, is what they share. */
    static final int TENANTS_AT_ONCE = 2;
    private final java.util.concurrent.atomic.AtomicInteger threads = new java.util.concurrent.atomic.AtomicInteger();

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
        run(initial.dir(), List.of(initial), every, once);
    }

    /**
     * Ticks every tenant of {@code dir}: one tenant's jobs/, or an agency's clients/ with one sub-directory per tenant.
     * The directory is read again on every tick (a new client is picked up, a removed one dropped). Each tenant ticks
     * on its own thread, up to {@link #TENANTS_AT_ONCE} at a time, so a long night of one never holds back another; a
     * tenant still busy from the last tick is left to finish. A tenant whose jobs/ cannot be read, or whose pass
     * fails, is logged and skipped; the others go ahead.
     */
    public void run(Path dir, List<Workspace> initial, Duration every, boolean once) throws InterruptedException {
        running.set(true);
        Instant since = clock.instant();
        Map<Path, Workspace> good = new LinkedHashMap<>();
        initial.forEach(w -> good.put(w.dir(), w));
        Map<String, Future<?>> busy = new HashMap<>();
        Map<Path, String> reported = new HashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(TENANTS_AT_ONCE, r -> {
            Thread t = new Thread(r, "tenant-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        served.set(initial.isEmpty() ? null : initial.get(0));
        served.setAll(initial);
        try {
            do {
                reload(dir, good, reported);
                List<Workspace> tenants = List.copyOf(good.values());
                served.setAll(tenants);
                if (!tenants.isEmpty()) {
                    served.set(tenants.get(0));
                }
                for (Workspace ws : tenants) {
                    Future<?> previous = busy.get(ws.tenant().id());
                    if (previous != null && !previous.isDone()) {
                        continue; // its last pass (a long night) is still running
                    }
                    busy.put(ws.tenant().id(), pool.submit(() -> tick(ws, since, tenants.size() > 1)));
                }
                if (once) {
                    for (Future<?> f : busy.values()) {
                        try {
                            f.get();
                        } catch (ExecutionException e) {
                            log.error("scheduler pass failed: {}", e.getCause().toString());
                        }
                    }
                }
                served.ticked(clock.instant());
            } while (!once && !stop.await(every.toMillis(), TimeUnit.MILLISECONDS));
        } finally {
            pool.shutdown();
            pool.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            stopped.countDown();
        }
    }

    /** The tenants of {@code dir} as they are now; one that cannot be read keeps its last good configuration. */
    private void reload(Path dir, Map<Path, Workspace> good, Map<Path, String> reported) {
        Clients.Loaded loaded;
        try {
            loaded = Clients.load(dir);
        } catch (RuntimeException e) {
            log.error("jobs/ in {} cannot be read, keeping the last good configuration: {}", dir, e.getMessage());
            return;
        }
        Map<Path, Workspace> now = new LinkedHashMap<>();
        for (Workspace w : loaded.tenants()) {
            now.put(w.dir(), w);
            try {
                JobSchedule.sync(w);
                JobSchedule.reports(w);
            } catch (RuntimeException e) {
                now.put(w.dir(), good.get(w.dir()));
                report(reported, w.dir(), e.getMessage());
                continue;
            }
            reported.remove(w.dir());
        }
        for (Clients.Broken b : loaded.broken()) {
            report(reported, b.dir(), b.problem());
            if (good.containsKey(b.dir())) {
                now.put(b.dir(), good.get(b.dir())); // the last good configuration of that tenant
            }
        }
        now.values().removeIf(java.util.Objects::isNull);
        good.clear();
        good.putAll(now);
    }

    /** Logs a tenant directory's problem once, not on every tick. */
    private static void report(Map<Path, String> reported, Path dir, String problem) {
        if (!problem.equals(reported.put(dir, problem))) {
            log.error("jobs/ in {} cannot be read, keeping its last good configuration (a new tenant is not run): {}", dir,
                    problem);
        }
    }

    private void tick(Workspace ws, Instant since, boolean named) {
        try {
            for (String event : scheduler.tick(ws, since)) {
                if (named) {
                    log.info("{}: {}", ws.tenant().id(), event);
                } else {
                    log.info("{}", event);
                }
            }
        } catch (Exception e) {
            log.error("scheduler pass of tenant {} failed, tried again on the next pass: {}", ws.tenant().id(), e.toString());
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
