package io.leadledger.report;

import io.leadledger.LeadledgerProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Phaser;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads report tasks run on ({@code leadledger.reports.threads}, at most {@link #MAX_THREADS}): one pool for
 * the application, shared by concurrent calls, shut down with the Spring context.
 *
 * <p>One bounded pool is safe because no task waits for another: a task that needs other tasks' results is chained
 * to them ({@code CompletableFuture.thenCombineAsync}) and is only submitted once they are done, and every blocking
 * wait (the results' {@code join}, {@link Run#close}) is on the caller's thread, never a pool thread. Keep it so: a
 * task that blocks on another task of this pool can deadlock once every thread does it.
 */
@Component
public class ReportExecutor implements DisposableBean {

    /** The connection pool holds 4: the caller may hold one (a batch step's transaction), each task one. */
    public static final int MAX_THREADS = 3;

    private final ThreadPoolExecutor pool;

    @Autowired
    public ReportExecutor(LeadledgerProperties properties) {
        this(Math.max(1, Math.min(MAX_THREADS, properties.reports().threads())));
    }

    /** For tests: a pool of exactly this many threads. */
    ReportExecutor(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory named = r -> {
            Thread t = new Thread(r, "report-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), named);
    }

    /** The tasks of one call (one month's reports). */
    public Run open() {
        return new Run();
    }

    /**
     * An executor for the tasks of one call, on the shared threads. Closing it drops the tasks not started yet
     * and waits for those running, so no task of a call outlives it (its temporary files can then be removed),
     * as when each call had a pool of its own.
     */
    public final class Run implements Executor, AutoCloseable {

        private final Phaser running = new Phaser(1); // the caller's party; each task registers its own
        private volatile boolean closed;

        @Override
        public void execute(Runnable task) {
            running.register();
            try {
                pool.execute(() -> {
                    try {
                        if (!closed) {
                            task.run();
                        }
                    } finally {
                        running.arriveAndDeregister();
                    }
                });
            } catch (RejectedExecutionException e) {
                running.arriveAndDeregister();
                throw e;
            }
        }

        @Override
        public void close() {
            closed = true;
            running.awaitAdvance(running.arriveAndDeregister());
        }
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
