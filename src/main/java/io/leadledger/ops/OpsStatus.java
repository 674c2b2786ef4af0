package io.leadledger.ops;

import io.leadledger.deliver.DeliveryLog;
import io.leadledger.deliver.FreshnessGate;
import io.leadledger.jobs.Workspace;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The state operations look at: per job the last run and the last success, the freshness of the data,
 * deliveries not yet sent, and who holds the job locks. Read by 'leadledger status', the daemon's
 * health endpoint and its metrics.
 */
@Component
public class OpsStatus {

    private final LaunchHistory history;
    private final FreshnessGate gate;
    private final DeliveryLog deliveries;
    private final JobLocks locks;
    private final JdbcTemplate jdbc;

    public OpsStatus(LaunchHistory history, FreshnessGate gate, DeliveryLog deliveries, JobLocks locks, JdbcTemplate jdbc) {
        this.history = history;
        this.gate = gate;
        this.deliveries = deliveries;
        this.locks = locks;
        this.jdbc = jdbc;
    }

    public record JobState(String job, Optional<LaunchHistory.Launch> lastRun, Optional<LaunchHistory.Launch> lastSuccess,
                           Optional<String> lock) {
    }

    /**
     * @param rowsLoaded      rows loaded by the last successful sync run
     * @param rowsQuarantined rows quarantined by it
     * @param lastDelivered   the latest month whose monthly job delivered
     */
    public record Snapshot(String tenant, JobState sync, JobState reports, FreshnessGate.Freshness freshness,
                           List<DeliveryLog.Entry> unsent, Optional<DeliveryLog.Entry> lastSent, long rowsLoaded,
                           long rowsQuarantined, Optional<YearMonth> lastDelivered) {
    }

    public Snapshot snapshot(Workspace ws) {
        String tenant = ws.tenant().id();
        List<LaunchHistory.Launch> syncs = history.launches(tenant, ws.sync().job());
        List<LaunchHistory.Launch> monthly = history.launches(tenant, ws.reports().job());
        Optional<LaunchHistory.Launch> lastSync = syncs.stream().filter(LaunchHistory.Launch::completed).findFirst();
        long loaded = 0;
        long quarantined = 0;
        if (lastSync.isPresent()) {
            var sums = jdbc.queryForMap("SELECT COALESCE(SUM(rows_loaded), 0) AS l, COALESCE(SUM(rows_quarantined), 0) AS q "
                    + "FROM run_audit WHERE tenant = ? AND run_id = ?", tenant, lastSync.get().id());
            loaded = ((Number) sums.get("l")).longValue();
            quarantined = ((Number) sums.get("q")).longValue();
        }
        Optional<YearMonth> lastDelivered = monthly.stream().filter(l -> l.deliver() && l.completed() && l.month() != null)
                .map(LaunchHistory.Launch::month).max(Comparator.naturalOrder());
        return new Snapshot(tenant,
                new JobState(ws.sync().job(), syncs.stream().findFirst(), lastSync, locks.holder(tenant, ws.sync().job())),
                new JobState(ws.reports().job(), monthly.stream().findFirst(),
                        monthly.stream().filter(LaunchHistory.Launch::completed).findFirst(),
                        locks.holder(tenant, ws.reports().job())),
                gate.check(ws), deliveries.unsent(tenant), deliveries.lastSent(tenant), loaded, quarantined, lastDelivered);
    }

    public static Optional<Instant> lastSuccessEnd(JobState j) {
        return j.lastSuccess().map(LaunchHistory.Launch::end);
    }
}
