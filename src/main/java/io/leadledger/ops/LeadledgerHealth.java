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
        if (served.all().size() > 1) {
            return tenants();
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

    /** An agency's daemon: one entry per tenant; OUT_OF_SERVICE when any tenant's reports would be held back. */
    private Health tenants() {
        java.util.Map<String, Object> tenants = new java.util.LinkedHashMap<>();
        boolean allFresh = true;
        for (io.leadledger.jobs.Workspace ws : served.all()) {
            OpsStatus.Snapshot s = status.snapshot(ws);
            allFresh &= s.freshness().fresh();
            java.util.Map<String, Object> t = new java.util.LinkedHashMap<>();
            t.put("status", s.freshness().fresh() ? "UP" : "OUT_OF_SERVICE");
            OpsStatus.lastSuccessEnd(s.sync()).ifPresent(at -> t.put("lastSuccessfulSync", at.toString()));
            if (!s.freshness().fresh()) {
                t.put("heldBack", s.freshness().problems());
            }
            s.lastDelivered().ifPresent(m -> t.put("lastDeliveredMonth", m.toString()));
            t.put("deliveriesPending", s.unsent().size());
            tenants.put(ws.tenant().id(), t);
        }
        Health.Builder b = allFresh ? Health.up() : Health.status(Status.OUT_OF_SERVICE);
        b.withDetail("tenants", tenants);
        if (served.lastTick() != null) {
            b.withDetail("lastSchedulerPass", served.lastTick().toString());
        }
        return b.build();
    }
}
