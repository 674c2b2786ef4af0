package io.leadledger.reconcile;

import io.leadledger.jobs.SyncDefinition;
import io.leadledger.jobs.TenantSettings;
import io.leadledger.reconcile.attribution.AttributionBuilder;
import io.leadledger.warehouse.Dialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds a tenant's core and mart tables from staging in one transaction, set-based in the database.
 * Everything is derived, so a re-run over the same staging gives identical tables. The as-of day (for
 * "never touched") is a day, not an instant, so re-running the same night gives the same statuses.
 */
@Component
public class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    /**
     * In dependency order, one target table per script, named after it: staging -> intermediate (int_*) -> core ->
     * (attribution, in Java) -> marts. The matching part: records -> people (merges, identity rules), then deals ->
     * leads (override, explicit id, e-mail, company domain).
     */
    static final List<String> MATCHING_SCRIPTS = List.of(
            "sql/intermediate/int_lead_merge.sql", "sql/intermediate/int_lead_alias.sql",
            "sql/intermediate/int_lead_member.sql", "sql/intermediate/int_lead_domain.sql",
            "sql/intermediate/int_deal_ref.sql", "sql/intermediate/int_account_domain.sql",
            "sql/core/core_ambiguous_domain.sql", "sql/core/core_lead_deal_link.sql");
    static final List<String> CORE_SCRIPTS = List.of(
            "sql/intermediate/int_touch.sql", "sql/core/core_lead.sql", "sql/core/core_deal.sql", "sql/core/core_unmatched_deal.sql",
            "sql/core/core_unmatched_lead.sql", "sql/core/core_lead_outcome.sql", "sql/core/core_lead_stage.sql",
            "sql/core/core_spend.sql");
    static final List<String> MART_SCRIPTS = List.of("sql/marts/mart_lead.sql", "sql/marts/mart_channel_month.sql");

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final FxDailyBuilder fx;
    private final AttributionBuilder attribution;
    private final MatchingTables matchingTables;
    private final Dialect dialect;
    private final ReconcileInputs inputs;
    private final java.time.Clock clock;

    public Reconciler(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, FxDailyBuilder fx,
                      AttributionBuilder attribution, MatchingTables matchingTables, Dialect dialect,
                      ReconcileInputs inputs, java.time.Clock clock) {
        this.dialect = dialect;
        this.inputs = inputs;
        this.clock = clock;
        this.jdbc = jdbc;
        this.tx = tx;
        this.fx = fx;
        this.attribution = attribution;
        this.matchingTables = matchingTables;
    }

    /**
     * How long the parts took, in milliseconds (the import benchmark prints them).
     *
     * @param kept null when the tables were rebuilt; otherwise why they were kept as they are
     */
    public record Timings(long matchingMs, long attributionMs, long totalMs, Map<String, Long> scriptMs, String kept) {
    }

    /** Without the sources' settings: every source at its defaults, always rebuilt (the benchmark, tests). */
    public Timings reconcile(TenantSettings tenant, LocalDate asOf) {
        return reconcile(tenant, null, asOf, true, null);
    }

    /** A full rebuild. */
    public Timings reconcile(TenantSettings tenant, SyncDefinition sync, LocalDate asOf) {
        return reconcile(tenant, sync, asOf, true, null);
    }

    /**
     * Rebuilds the tenant's tables, or, unless {@code full}, keeps them when nothing they are built from changed
     * since the last complete reconcile ({@link ReconcileInputs}): the same settings, code and data, and an as-of
     * day that moves no lead across the "never touched" line. A kept night still extends the daily FX table to
     * the as-of day, as a rebuild would; everything else is already what a rebuild would write.
     *
     * @param runId the run reconciling (recorded with the fingerprint; null outside a run)
     */
    public Timings reconcile(TenantSettings tenant, SyncDefinition sync, LocalDate asOf, boolean full, Long runId) {
        LocalDateTime neverTouchedBefore = asOf.atStartOfDay().minusDays(tenant.neverTouchedAfterDays());
        long begin = System.nanoTime();
        ReconcileInputs.Fingerprint now = inputs.of(tenant, sync);
        String kept = full ? null : unchanged(tenant.id(), now, neverTouchedBefore);
        if (kept != null) {
            tx.executeWithoutResult(status -> {
                fx.build(tenant.id(), tenant.reportingCurrency(), asOf);
                inputs.save(tenant.id(), now, neverTouchedBefore, asOf, runId, LocalDateTime.now(clock));
            });
            Timings t = new Timings(0, 0, (System.nanoTime() - begin) / 1_000_000, Map.of(), kept);
            log.info("reconcile: nothing changed, tables kept ({}; {} ms)", kept, t.totalMs());
            return t;
        }
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("tenant", tenant.id())
                .addValue("currency", tenant.reportingCurrency())
                .addValue("model", tenant.attribution().defaultModel())
                .addValue("neverTouchedBefore", Timestamp.valueOf(neverTouchedBefore))
                .addValue("stripPlusTags", tenant.identity().stripPlusTags() ? 1 : 0)
                .addValue("gmailDots", tenant.identity().ignoreDotsInGmail() ? 1 : 0);
        Map<String, Long> scriptMs = new LinkedHashMap<>();
        long[] parts = new long[2];
        tx.executeWithoutResult(status -> {
            fx.build(tenant.id(), tenant.reportingCurrency(), asOf);
            fx.checkComplete(tenant.id(), tenant.reportingCurrency());
            long m0 = System.nanoTime();
            matchingTables.write(tenant);
            matchingTables.writeSources(tenant, sync);
            markSpendWithoutRates(tenant);
            run(MATCHING_SCRIPTS, p, scriptMs);
            parts[0] = (System.nanoTime() - m0) / 1_000_000;
            run(CORE_SCRIPTS, p, scriptMs);
            long t0 = System.nanoTime();
            AttributionBuilder.Summary a = attribution.build(tenant);
            parts[1] = (System.nanoTime() - t0) / 1_000_000;
            log.info("attribution: {} deals, {} credit rows, {} journeys ({} converted) in {} ms", a.deals(), a.rows(),
                    a.journeys(), a.conversions(), parts[1]);
            run(MART_SCRIPTS, p, scriptMs);
            inputs.save(tenant.id(), now, neverTouchedBefore, asOf, runId, LocalDateTime.now(clock));
        });
        Timings t = new Timings(parts[0], parts[1], (System.nanoTime() - begin) / 1_000_000, Map.copyOf(scriptMs), null);
        log.info("reconcile: matching {} ms, attribution {} ms, total {} ms", t.matchingMs(), t.attributionMs(), t.totalMs());
        return t;
    }

    /** Why the tables can be kept, or null when they must be rebuilt. */
    private String unchanged(String tenant, ReconcileInputs.Fingerprint now, LocalDateTime neverTouchedBefore) {
        var last = inputs.last(tenant);
        if (last.isEmpty() || !last.get().settings().equals(now.settings()) || !last.get().data().equals(now.data())) {
            return null;
        }
        if (inputs.crossesNeverTouched(tenant, last.get().neverTouchedBefore(), neverTouchedBefore) > 0) {
            return null;
        }
        ReconcileInputs.State s = last.get();
        return "the same staging rows, FX rates, overrides and settings as " + (s.runId() == null ? "the reconcile of "
                + s.reconciledAt() : "run " + s.runId()) + "; no lead crosses the never-touched line since " + s.asOf();
    }

    /**
     * A spend source with an amount that has no rate is left out of core_spend (source_setting.problem); the
     * other sources are reconciled, and the sync fails afterwards with the problem ({@link #sourceProblems}).
     */
    private void markSpendWithoutRates(TenantSettings tenant) {
        fx.spendProblems(tenant.id(), tenant.reportingCurrency()).forEach((source, problem) -> {
            String text = "source '" + source + "': " + problem + ". The FX file ('fx' in nightly-sync.yml) has no rate"
                    + " for that date: add earlier rates or change the source's spendFxDate. Its spend is left out of"
                    + " tonight's figures; the other sources were reconciled.";
            log.error(text);
            jdbc.update("""
                    INSERT INTO source_setting (tenant, source_name, handed_at_created, spend_fx_date, problem)
                    VALUES (:tenant, :source, 0, 'month-average', :problem)
                    """ + dialect.onDuplicateKeyUpdate("problem"), new MapSqlParameterSource()
                    .addValue("tenant", tenant.id()).addValue("source", source)
                    .addValue("problem", text.length() > 2000 ? text.substring(0, 2000) : text));
        });
    }

    /** What the last reconcile could not do for single sources (a spend source without rates), one line each. */
    public List<String> sourceProblems(String tenant) {
        return jdbc.queryForList("SELECT problem FROM source_setting WHERE tenant = :tenant AND problem IS NOT NULL"
                + " ORDER BY source_name", new MapSqlParameterSource("tenant", tenant), String.class);
    }

    private void run(List<String> scripts, MapSqlParameterSource p, Map<String, Long> scriptMs) {
        SqlMacros macros = SqlMacros.load();
        for (String path : scripts) {
            long t0 = System.nanoTime();
            List<String> statements = SqlScript.load(path, macros).statements();
            for (int i = 0; i < statements.size(); i++) {
                long s0 = System.nanoTime();
                int rows = jdbc.update(dialect.forServer(statements.get(i)), p);
                log.trace("{} statement {}: {} rows in {} ms", path, i + 1, rows, (System.nanoTime() - s0) / 1_000_000);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            scriptMs.put(path, ms);
            log.debug("{} in {} ms", path, ms);
        }
    }
}
