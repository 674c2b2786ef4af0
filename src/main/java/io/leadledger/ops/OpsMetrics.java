package io.leadledger.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;

/**
 * Gauges of the daemon's tenant, read from the warehouse when scraped (/actuator/metrics,
 * /actuator/prometheus): last successful sync, its age, rows loaded and quarantined by it, deliveries
 * pending. NaN while no daemon runs in this process.
 */
@Component
public class OpsMetrics implements MeterBinder {

    /** Scrapes within this window share one read of the warehouse. */
    private static final Duration CACHE = Duration.ofSeconds(5);

    private final OpsStatus status;
    private final ServedWorkspace served;
    private final Clock clock;
    private OpsStatus.Snapshot cached;
    private Instant cachedAt;

    public OpsMetrics(OpsStatus status, ServedWorkspace served, Clock clock) {
        this.status = status;
        this.served = served;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "leadledger.sync.last.success", "seconds", "End of the last successful nightly sync (epoch seconds)",
                s -> OpsStatus.lastSuccessEnd(s.sync()).map(i -> (double) i.getEpochSecond()).orElse(Double.NaN));
        gauge(registry, "leadledger.sync.age", "seconds", "Time since the last successful nightly sync ended",
                s -> OpsStatus.lastSuccessEnd(s.sync()).map(i -> (double) Duration.between(i, clock.instant()).toSeconds())
                        .orElse(Double.NaN));
        gauge(registry, "leadledger.sync.fresh", null, "1 when the reports may be sent (freshness gate), else 0",
                s -> s.freshness().fresh() ? 1 : 0);
        gauge(registry, "leadledger.rows.loaded", "rows", "Rows loaded by the last successful nightly sync",
                s -> s.rowsLoaded());
        gauge(registry, "leadledger.rows.quarantined", "rows", "Rows quarantined by the last successful nightly sync",
                s -> s.rowsQuarantined());
        gauge(registry, "leadledger.deliveries.pending", null, "Report e-mails not yet accepted by the SMTP server",
                s -> s.unsent().size());
    }

    private void gauge(MeterRegistry registry, String name, String unit, String help, ToDoubleFunction<OpsStatus.Snapshot> f) {
        Gauge.Builder<OpsMetrics> b = Gauge.builder(name, this, m -> {
            OpsStatus.Snapshot s = m.snapshot();
            return s == null ? Double.NaN : f.applyAsDouble(s);
        }).description(help);
        if (unit != null) {
            b.baseUnit(unit);
        }
        b.register(registry);
    }

    private synchronized OpsStatus.Snapshot snapshot() {
        if (served.get() == null) {
            return null;
        }
        Instant now = clock.instant();
        if (cached == null || cachedAt == null || Duration.between(cachedAt, now).compareTo(CACHE) > 0 || now.isBefore(cachedAt)) {
            cached = status.snapshot(served.get());
            cachedAt = now;
        }
        return cached;
    }
}
