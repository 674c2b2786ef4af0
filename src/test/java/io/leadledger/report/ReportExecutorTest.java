package io.leadledger.report;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class ReportExecutorTest {

    @Test
    void chainedTasksOfTwoCallsFinishOnOneSharedThread() throws Exception {
        ReportExecutor executor = new ReportExecutor(1);
        try (ReportExecutor.Run a = executor.open(); ReportExecutor.Run b = executor.open()) {
            CompletableFuture<Integer> x = CompletableFuture.supplyAsync(() -> 1, a);
            CompletableFuture<Integer> y = CompletableFuture.supplyAsync(() -> 2, b);
            CompletableFuture<Integer> sum = x.thenCombineAsync(CompletableFuture.supplyAsync(() -> 3, a), Integer::sum, a);
            assertThat(sum.get(10, TimeUnit.SECONDS)).isEqualTo(4);
            assertThat(y.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        } finally {
            executor.destroy();
        }
    }

    @Test
    void closeWaitsForRunningTasksAndDropsThoseNotStarted() throws Exception {
        ReportExecutor executor = new ReportExecutor(1);
        try {
            CountDownLatch started = new CountDownLatch(1);
            AtomicBoolean finished = new AtomicBoolean();
            AtomicBoolean queuedRan = new AtomicBoolean();
            ReportExecutor.Run run = executor.open();
            run.execute(() -> {
                started.countDown();
                sleep(300);
                finished.set(true);
            });
            run.execute(() -> queuedRan.set(true));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            run.close();
            assertThat(finished).isTrue();
            // the queued task's turn comes after close: it is skipped
            CompletableFuture.runAsync(() -> { }, executor.open()).get(10, TimeUnit.SECONDS);
            assertThat(queuedRan).isFalse();
        } finally {
            executor.destroy();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
