package io.leadledger.console;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs an operator's request (reconcile now, restart, resend) after the page has answered: a run takes longer than
 * a browser waits. One at a time, in the order asked; each run goes through the job's lock like any other, so a run
 * the daemon started first makes the request fail with "running", which the page then shows.
 */
@Component
public class ConsoleTasks {

    private static final Logger log = LoggerFactory.getLogger(ConsoleTasks.class);
    private static final int KEPT = 20;

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "console-task");
        t.setDaemon(true);
        return t;
    });
    private final Deque<Task> recent = new ArrayDeque<>();
    private final Clock clock;

    public ConsoleTasks(Clock clock) {
        this.clock = clock;
    }

    /** @param outcome null while it runs */
    public record Task(String what, String user, Instant asked, Instant ended, String outcome) {
    }

    public void submit(String what, String user, Callable<JobExecution> run) {
        Task asked = new Task(what, user, clock.instant(), null, null);
        remember(null, asked);
        executor.submit(() -> {
            String outcome;
            try {
                JobExecution e = run.call();
                outcome = "run " + e.getId() + " " + e.getStatus();
            } catch (Exception e) {
                outcome = "failed: " + NestedExceptionUtils.getMostSpecificCause(e).getMessage();
                log.warn("console: {} asked by {} {}", what, user, outcome);
            }
            log.info("console: {} asked by {}: {}", what, user, outcome);
            remember(asked, new Task(what, user, asked.asked(), clock.instant(), outcome));
        });
    }

    /** The latest requests, newest first. */
    public synchronized List<Task> recent() {
        return List.copyOf(recent);
    }

    private synchronized void remember(Task replaced, Task task) {
        if (replaced != null) {
            recent.remove(replaced);
        }
        recent.addFirst(task);
        while (recent.size() > KEPT) {
            recent.removeLast();
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(60, TimeUnit.SECONDS);
    }
}
