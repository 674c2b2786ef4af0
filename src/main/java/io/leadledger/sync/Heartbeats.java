package io.leadledger.sync;

import io.leadledger.warehouse.HeartbeatRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A worker's heartbeat for each partition it runs: every {@code leadledger.remote.heartbeat} a counter goes up in
 * the warehouse (its own short transaction, on a thread of its own), while the partition's step may hold one long
 * transaction (the reconcile) or commit nothing for a while. The manager fails a partition only when neither its
 * heartbeat nor its step has moved for the stall timeout.
 */
@Component
public class Heartbeats implements org.springframework.beans.factory.DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);

    private final HeartbeatRepository repository;
    private final RemoteSettings settings;
    private final String worker;
    private ScheduledExecutorService timer;

    public Heartbeats(HeartbeatRepository repository, RemoteSettings settings) {
        this.repository = repository;
        this.settings = settings;
        this.worker = ProcessHandle.current().pid() + "@" + host();
    }

    /** A partition's heartbeat, running until closed. */
    interface Beating extends AutoCloseable {
        @Override
        void close();
    }

    /** Beats for the partition until the returned handle is closed (which also removes its row). */
    Beating start(long stepExecutionId, String tenant) {
        long every = Math.max(100, settings.heartbeat().toMillis());
        Runnable beat = () -> {
            try {
                repository.beat(stepExecutionId, tenant, worker);
            } catch (RuntimeException e) {
                // the database is unreachable: the step will notice too; the manager sees the silence
                log.warn("heartbeat of partition {} not written: {}", stepExecutionId, e.getMessage());
            }
        };
        beat.run();
        ScheduledFuture<?> f = timer().scheduleWithFixedDelay(beat, every, every, TimeUnit.MILLISECONDS);
        return () -> {
            f.cancel(false);
            try {
                repository.clear(stepExecutionId);
            } catch (RuntimeException e) {
                // a leftover row is harmless: the partition is over, nobody reads its heartbeat again
                log.warn("heartbeat of partition {} not removed: {}", stepExecutionId, e.getMessage());
            }
        };
    }

    long beats(long stepExecutionId) {
        return repository.beats(stepExecutionId);
    }

    void forget(long stepExecutionId) {
        repository.clear(stepExecutionId);
    }

    private synchronized ScheduledExecutorService timer() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "heartbeat");
                t.setDaemon(true);
                return t;
            });
        }
        return timer;
    }

    @Override
    public synchronized void destroy() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
