package io.leadledger.schedule;

import io.leadledger.jobs.JobsConfigException;
import io.leadledger.jobs.Workspace;
import org.springframework.scheduling.support.CronExpression;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When a job of jobs/ runs: its {@code cron:} (Spring's six fields: second minute hour day month
 * weekday) in its {@code timezone:}, else the tenant's.
 */
public record JobSchedule(String job, String file, CronExpression cron, String expression, ZoneId zone) {

    /** A daemon down for longer than this catches up on the latest slot only, without walking every one. */
    private static final Duration HORIZON = Duration.ofDays(400);

    public static JobSchedule sync(Workspace ws) {
        return of(ws.sync().job(), "nightly-sync.yml", ws.sync().cron(), ws.sync().timezone(), ws.tenant().zone());
    }

    public static JobSchedule reports(Workspace ws) {
        return of(ws.reports().job(), "monthly-reports.yml", ws.reports().cron(), ws.reports().timezone(), ws.tenant().zone());
    }

    static JobSchedule of(String job, String file, String cron, String timezone, ZoneId fallback) {
        CronExpression c;
        try {
            c = CronExpression.parse(cron);
        } catch (IllegalArgumentException e) {
            throw new JobsConfigException(file + ": cron '" + cron + "' is not a cron expression (six fields: second minute "
                    + "hour day-of-month month day-of-week, e.g. \"0 30 2 * * *\"): " + e.getMessage(), e);
        }
        ZoneId zone;
        try {
            zone = timezone == null ? fallback : ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw new JobsConfigException(file + ": timezone '" + timezone + "' is not a time zone (e.g. Europe/Berlin)", e);
        }
        return new JobSchedule(job, file, c, cron, zone);
    }

    /** The first slot strictly after {@code after}. */
    public Optional<Instant> next(Instant after) {
        ZonedDateTime n = cron.next(after.atZone(zone));
        return Optional.ofNullable(n).map(ZonedDateTime::toInstant);
    }

    /** The latest slot in (after, upTo], if any: one catch-up run stands for every slot missed since. */
    public Optional<Instant> latestSlot(Instant after, Instant upTo) {
        Instant from = after.isBefore(upTo.minus(HORIZON)) ? upTo.minus(HORIZON) : after;
        Optional<Instant> latest = Optional.empty();
        Optional<Instant> n = next(from);
        while (n.isPresent() && !n.get().isAfter(upTo)) {
            latest = n;
            n = next(n.get());
        }
        return latest;
    }

    @Override
    public String toString() {
        return job + " '" + expression + "' " + zone;
    }
}
