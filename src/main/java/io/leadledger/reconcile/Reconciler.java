package io.leadledger.reconcile;

import io.leadledger.jobs.TenantSettings;
import io.leadledger.reconcile.attribution.AttributionBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Rebuilds a tenant's core and mart tables from staging in one transaction, set-based in the database.
 * Everything is derived, so a re-run over the same staging gives identical tables. The as-of day (for
 * "never touched") is a day, not an instant, so re-running the same night gives the same statuses.
 */
@Component
public class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    /** In dependency order: staging -> core -> (attribution, in Java) -> marts. */
    static final List<String> CORE_SCRIPTS = List.of(
            "sql/core/core_lead_member.sql", "sql/core/core_lead.sql", "sql/core/core_lead_deal_link.sql",
            "sql/core/core_deal.sql", "sql/core/core_lead_outcome.sql", "sql/core/core_lead_stage.sql",
            "sql/core/core_spend.sql");
    static final List<String> MART_SCRIPTS = List.of("sql/marts/mart_lead.sql", "sql/marts/mart_channel_month.sql");

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final FxDailyBuilder fx;
    private final AttributionBuilder attribution;

    public Reconciler(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, FxDailyBuilder fx,
                      AttributionBuilder attribution) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.fx = fx;
        this.attribution = attribution;
    }

    public void reconcile(TenantSettings tenant, LocalDate asOf) {
        LocalDateTime neverTouchedBefore = asOf.atStartOfDay().minusDays(tenant.neverTouchedAfterDays());
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("tenant", tenant.id())
                .addValue("currency", tenant.reportingCurrency())
                .addValue("model", tenant.attribution().defaultModel())
                .addValue("neverTouchedBefore", Timestamp.valueOf(neverTouchedBefore));
        tx.executeWithoutResult(status -> {
            fx.build(tenant.id(), tenant.reportingCurrency(), asOf);
            fx.checkComplete(tenant.id(), tenant.reportingCurrency());
            run(CORE_SCRIPTS, p);
            long t0 = System.nanoTime();
            AttributionBuilder.Summary a = attribution.build(tenant);
            log.info("attribution: {} deals, {} credit rows, {} journeys ({} converted) in {} ms", a.deals(), a.rows(),
                    a.journeys(), a.conversions(), (System.nanoTime() - t0) / 1_000_000);
            run(MART_SCRIPTS, p);
        });
    }

    private void run(List<String> scripts, MapSqlParameterSource p) {
        for (String path : scripts) {
            long t0 = System.nanoTime();
            for (String sql : SqlScript.load(path).statements()) {
                jdbc.update(sql, p);
            }
            log.debug("{} in {} ms", path, (System.nanoTime() - t0) / 1_000_000);
        }
    }
}
