package io.leadledger.schedule;

import io.leadledger.deliver.ReportMailer;
import io.leadledger.jobs.Workspace;
import io.leadledger.ops.JobLockedException;
import io.leadledger.ops.JobLocks;
import io.leadledger.ops.LaunchHistory;
import io.leadledger.ops.LaunchHistory.Launch;
import io.leadledger.ops.PipelineRunner;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One pass of the daemon: runs what is due now, once. Due is computed from the job repository, so a
 * daemon that was down catches up with one run (not one per missed night), a month whose reports were
 * never delivered is delivered, and two daemons on the same warehouse agree: each decides again under
 * the job's lock, and the second finds the slot already taken.
 */
@Component
public class Scheduler {

    /** How far back an undelivered month is still delivered when a daemon comes back. */
    static final int MAX_CATCH_UP_MONTHS = 12;

    private final Clock clock;
    private final PipelineRunner runner;
    private final LaunchHistory history;
    private final JobLocks locks;
    private final ReportMailer mailer;

    public Scheduler(Clock clock, PipelineRunner runner, LaunchHistory history, JobLocks locks, ReportMailer mailer) {
        this.clock = clock;
        this.runner = runner;
        this.history = history;
        this.locks = locks;
        this.mailer = mailer;
    }

    /**
     * @param since when this daemon started: the reference for a job that never ran, so a new
     *              installation does not fire every slot of the past
     * @return one line per thing done or skipped, for the log
     */
    public List<String> tick(Workspace ws, Instant since) throws Exception {
        List<String> events = new ArrayList<>();
        JobSchedule sync = JobSchedule.sync(ws);
        JobSchedule monthly = JobSchedule.reports(ws);
        boolean syncBusy = nightly(ws, sync, since, events);
        if (syncBusy || locks.holder(ws.tenant().id(), sync.job()).isPresent()) {
            events.add(monthly.job() + ": waits for the " + sync.job() + " running elsewhere");
        } else {
            monthly(ws, monthly, since, events);
        }
        int retried = mailer.retryDue(ws);
        if (retried > 0) {
            events.add("deliveries: " + retried + " pending e-mails sent");
        }
        return events;
    }

    /** Runs the nightly sync when a slot is due; true when it is due but another process is running it. */
    private boolean nightly(Workspace ws, JobSchedule schedule, Instant since, List<String> events) throws Exception {
        String tenant = ws.tenant().id();
        if (dueSlot(tenant, schedule, since).isEmpty()) {
            return false;
        }
        try {
            JobExecution e = locks.callExclusive(tenant, schedule.job(), () -> {
                Optional<Instant> slot = dueSlot(tenant, schedule, since); // again, under the lock: another daemon may have run it
                return slot.isEmpty() ? null : runner.runSync(ws, slot.get());
            });
            events.add(e == null ? schedule.job() + ": already run by another process"
                    : schedule.job() + ": run " + e.getId() + " for slot " + e.getJobParameters().getString("scheduledFor")
                    + " " + e.getStatus());
        } catch (JobLockedException busy) {
            events.add(schedule.job() + ": running elsewhere (" + busy.holder() + ")");
            return true;
        }
        return false;
    }

    /** The latest slot since the job's last launch (or since the daemon started, when it never ran). */
    private Optional<Instant> dueSlot(String tenant, JobSchedule schedule, Instant since) {
        Instant last = history.launches(tenant, schedule.job()).stream().map(Launch::at).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(since);
        return schedule.latestSlot(last, clock.instant());
    }

    private void monthly(Workspace ws, JobSchedule schedule, Instant since, List<String> events) throws Exception {
        String tenant = ws.tenant().id();
        for (YearMonth month : monthsDue(ws, schedule, since).months()) {
            try {
                JobExecution e = locks.callExclusive(tenant, schedule.job(), () -> {
                    Due due = monthsDue(ws, schedule, since);
                    return due.months().contains(month) ? runner.runMonthly(ws, month, false, due.slot()) : null;
                });
                if (e == null) {
                    events.add(schedule.job() + " " + month + ": already delivered by another process");
                } else {
                    String delivery = e.getStepExecutions().stream().filter(s -> s.getStepName().equals("deliver"))
                            .map(s -> s.getExecutionContext().getString("delivery", "")).findFirst().orElse("");
                    events.add(schedule.job() + " " + month + ": run " + e.getId() + " " + e.getStatus()
                            + (delivery.isEmpty() ? "" : ", " + delivery));
                    if (e.getStatus() != BatchStatus.COMPLETED) {
                        return; // held back or failed: alerted; tried again after the next successful sync
                    }
                }
            } catch (JobLockedException busy) {
                events.add(schedule.job() + ": running elsewhere (" + busy.holder() + ")");
                return;
            }
        }
    }

    /** Months to deliver now, and the slot they are run for (null for a retry after fresh data). */
    record Due(TreeSet<YearMonth> months, Instant slot) {
    }

    /**
     * A month is due when a slot passed since the last delivering launch: the month before that slot and
     * any before it back to the last delivered one. A month held back earlier (e.g. by the freshness
     * gate) is due again once a sync has succeeded after that attempt.
     */
    Due monthsDue(Workspace ws, JobSchedule schedule, Instant since) {
        String tenant = ws.tenant().id();
        List<Launch> launches = history.launches(tenant, schedule.job()).stream().filter(Launch::deliver).toList();
        Optional<YearMonth> delivered = launches.stream().filter(l -> l.completed() && l.month() != null)
                .map(Launch::month).max(Comparator.naturalOrder());
        // never delivered: months count from this daemon's start or, if earlier, the first scheduled sync (a
        // daemon that was down on its first delivery day still catches up; a new installation does not mail the past)
        Instant last = launches.stream().map(Launch::at).filter(Objects::nonNull).max(Comparator.naturalOrder())
                .orElseGet(() -> history.launches(tenant, ws.sync().job()).stream().filter(l -> l.scheduledFor() != null)
                        .map(Launch::at).filter(since::isAfter).min(Comparator.naturalOrder()).orElse(since));
        TreeSet<YearMonth> months = new TreeSet<>();
        Optional<Instant> slot = schedule.latestSlot(last, clock.instant());
        if (slot.isPresent()) {
            YearMonth due = YearMonth.from(slot.get().atZone(schedule.zone())).minusMonths(1);
            YearMonth from = delivered.map(d -> d.plusMonths(1)).orElse(due);
            if (from.isBefore(due.minusMonths(MAX_CATCH_UP_MONTHS - 1))) {
                from = due.minusMonths(MAX_CATCH_UP_MONTHS - 1);
            }
            for (YearMonth m = from; !m.isAfter(due); m = m.plusMonths(1)) {
                months.add(m);
            }
        }
        Optional<Instant> lastSync = history.launches(tenant, ws.sync().job()).stream()
                .filter(l -> l.completed() && l.end() != null).map(Launch::end).max(Comparator.naturalOrder());
        YearMonth oldest = YearMonth.now(clock.withZone(schedule.zone())).minusMonths(MAX_CATCH_UP_MONTHS);
        Map<YearMonth, List<Launch>> byMonth = launches.stream().filter(l -> l.month() != null)
                .collect(Collectors.groupingBy(Launch::month, LinkedHashMap::new, Collectors.toList()));
        for (Map.Entry<YearMonth, List<Launch>> m : byMonth.entrySet()) {
            Launch latest = m.getValue().get(0); // launches come newest first
            boolean neverDelivered = m.getValue().stream().noneMatch(Launch::completed);
            if (neverDelivered && m.getKey().isAfter(oldest) && latest.end() != null && lastSync.isPresent()
                    && lastSync.get().isAfter(latest.end())) {
                months.add(m.getKey());
            }
        }
        return new Due(months, slot.orElse(null));
    }
}
