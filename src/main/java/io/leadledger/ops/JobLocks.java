package io.leadledger.ops;

import io.leadledger.warehouse.Dialect;
import jakarta.annotation.PreDestroy;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutor.TaskResult;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One run of a job per tenant at a time, across processes and machines: a ShedLock row named
 * {@code <tenant>:<job>} in the warehouse, timed by the database's clock. The holder extends the lock
 * while it lives; a process killed with -9 stops extending it. Its lock is released at the next attempt when
 * the holder was a process of this host that is gone, else it lapses after {@link #LEASE}.
 * Re-entrant within a thread, so the scheduler can check "still due?" and launch under one lock.
 */
@Component
public class JobLocks {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JobLocks.class);

    /** How long a lock outlives a dead holder; a live one renews it every half lease. */
    public static final Duration LEASE = Duration.ofMinutes(2);

    private final JdbcTemplate jdbc;
    private final ScheduledExecutorService keepAlive;
    private final LockingTaskExecutor executor;
    private final String dbNow;
    private final String holder;
    private final HostProcess process;

    public JobLocks(JdbcTemplate jdbc, Dialect dialect, HostProcess process) {
        this.jdbc = jdbc;
        this.process = process;
        this.holder = process.self();
        this.keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "leadledger-lock-keepalive");
            t.setDaemon(true);
            return t;
        });
        JdbcTemplateLockProvider db = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(jdbc).withTableName("shedlock").withLockedByValue(holder).usingDbTime().build());
        this.executor = new DefaultLockingTaskExecutor(new KeepAliveLockProvider(db, keepAlive));
        // the same "now" ShedLock uses with usingDbTime(), so "held" means what ShedLock means
        this.dbNow = dialect.utcNow();
    }

    public static String name(String tenant, String job) {
        return tenant + ":" + job;
    }

    /** Runs {@code task} holding the job's lock; throws {@link JobLockedException} when another holder has it. */
    public <T> T callExclusive(String tenant, String job, Callable<T> task) throws Exception {
        String name = name(tenant, job);
        releaseIfHolderDied(name);
        TaskResult<T> r;
        try {
            // on ShedLock's own clock, which times the lease (not the application's Clock, which tests move)
            r = executor.executeWithLock(task::call, new LockConfiguration(ClockProvider.now(), name, LEASE, Duration.ZERO));
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        if (!r.wasExecuted()) {
            String by = holder(tenant, job).orElse("another process");
            throw new JobLockedException(job + " of tenant " + tenant + " is already running (" + by + "); not started", by);
        }
        return r.getResult();
    }

    /** Who holds the job's lock right now, e.g. "locked by host-1 pid 42 since 2026-11-23 02:30:00.120". */
    public Optional<String> holder(String tenant, String job) {
        releaseIfHolderDied(name(tenant, job)); // a dead process of this host holds nothing
        List<String> rows = jdbc.query("SELECT locked_by, locked_at, lock_until FROM shedlock WHERE name = ? AND lock_until > "
                        + dbNow, (rs, i) -> "locked by " + rs.getString(1) + " since " + rs.getTimestamp(2)
                        + ", lease until " + rs.getTimestamp(3), name(tenant, job));
        return rows.stream().findFirst();
    }

    /**
     * A lock whose holder is a process of this host that no longer exists (kill -9, crash) is released at
     * once instead of after its lease: nothing can extend it any more. A holder on another host may still
     * be alive as far as we can tell, so its lock lapses with its lease as before. The update only matches
     * the dead holder's row, so a holder that took the lock meanwhile keeps it.
     */
    boolean releaseIfHolderDied(String name) {
        List<String> rows = jdbc.query("SELECT locked_by FROM shedlock WHERE name = ? AND lock_until > " + dbNow,
                (rs, i) -> rs.getString(1), name);
        if (rows.isEmpty() || !process.deadLocal(rows.get(0))) {
            return false;
        }
        // locked_by names the dead pid: a new holder (another pid) taking the lock meanwhile is not matched
        boolean released = jdbc.update("UPDATE shedlock SET lock_until = " + dbNow + " WHERE name = ? AND locked_by = ? "
                + "AND lock_until > " + dbNow, name, rows.get(0)) > 0;
        if (released) {
            log.warn("lock {} released: its holder ({}) is a process of this host that no longer runs", name, rows.get(0));
        }
        return released;
    }

    /** Releases the job's lock whoever holds it (restart --force, when its holder is known to be gone). */
    public boolean breakLock(String tenant, String job) {
        return jdbc.update("UPDATE shedlock SET lock_until = " + dbNow + " WHERE name = ? AND lock_until > " + dbNow,
                name(tenant, job)) > 0;
    }

    public String self() {
        return holder;
    }

    @PreDestroy
    void stop() {
        keepAlive.shutdownNow();
    }
}
