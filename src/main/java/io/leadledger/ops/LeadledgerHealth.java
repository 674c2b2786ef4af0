package io.leadledger.ops;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * /actuator/health of the daemon: UP while the data is fresh enough to report; OUT_OF_SERVICE (HTTP
 * 503) when the freshness gate would hold the reports back, with the reasons. Meant for monitoring,
 * not as a liveness probe: restarting the daemon does not make stale data fresh.
 */
@Component("leadledger")
public class LeadledgerHealth implements HealthIndicator {

    private final OpsStatus status;
    private final ServedWorkspace served;

    public LeadledgerHealth(OpsStatus status, ServedWorkspace served) {
        this.status = status;
        this.served = served;
    }

    @Override
    public Health health() {
        if (served.get() == null) {
            return Health.unknown().withDetail("daemon", "not running in this process").build();
        }
        OpsStatus.Snapshot s = status.snapshot(served.get());
        Health.Builder b = s.freshness().fresh() ? Health.up() : Health.status(Status.OUT_OF_SERVICE);
        b.withDetail("tenant", s.tenant());
        OpsStatus.lastSuccessEnd(s.sync()).ifPresent(t -> b.withDetail("lastSuccessfulSync", t.toString()));
        if (!s.freshness().fresh()) {
            b.withDetail("heldBack", s.freshness().problems());
        }
        s.lastDelivered().ifPresent(m -> b.withDetail("lastDeliveredMonth", m.toString()));
        b.withDetail("deliveriesPending", s.unsent().size());
        if (served.lastTick() != null) {
            b.withDetail("lastSchedulerPass", served.lastTick().toString());
        }
        return b.build();
    }
}
