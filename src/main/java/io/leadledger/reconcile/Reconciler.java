package io.leadledger.reconcile;

import io.leadledger.jobs.TenantSettings;
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

    /** In dependency order: staging -> core -> marts. */
    static final List<String> SCRIPTS = List.of(
            "sql/core/core_lead_member.sql", "sql/core/core_lead.sql", "sql/core/core_lead_deal_link.sql",
            "sql/core/core_deal.sql", "sql/core/core_lead_outcome.sql", "sql/core/core_lead_stage.sql", "sql/core/core_spend.sql",
            "sql/core/core_attribution.sql", "sql/marts/mart_lead.sql", "sql/marts/mart_channel_month.sql");

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final FxDailyBuilder fx;

    public Reconciler(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, FxDailyBuilder fx) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.fx = fx;
    }

    public void reconcile(TenantSettings tenant, LocalDate asOf) {
        LocalDateTime neverTouchedBefore = asOf.atStartOfDay().minusDays(tenant.neverTouchedAfterDays());
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("tenant", tenant.id())
                .addValue("currency", tenant.reportingCurrency())
                .addValue("model", "first_touch")
                .addValue("neverTouchedBefore", Timestamp.valueOf(neverTouchedBefore));
        tx.executeWithoutResult(status -> {
            fx.build(tenant.id(), tenant.reportingCurrency(), asOf);
            fx.checkComplete(tenant.id(), tenant.reportingCurrency());
            for (String path : SCRIPTS) {
                long t0 = System.nanoTime();
                for (String sql : SqlScript.load(path).statements()) {
                    jdbc.update(sql, p);
                }
                log.debug("{} in {} ms", path, (System.nanoTime() - t0) / 1_000_000);
            }
        });
    }
}
