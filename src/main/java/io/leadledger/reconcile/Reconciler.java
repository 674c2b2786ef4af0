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
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
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

    /** Every table the reconcile writes for a tenant (a full rebuild and an increment write the same rows). */
    public static final List<String> TABLES = List.of("int_lead_merge", "int_lead_alias", "int_lead_member",
            "int_lead_domain", "int_deal_ref", "int_account_domain", "int_touch", "core_fx_daily", "core_fx_monthly",
            "core_ambiguous_domain", "core_lead_deal_link", "core_lead", "core_deal", "core_unmatched_deal",
            "core_unmatched_lead", "core_lead_outcome", "core_lead_stage", "core_spend", "core_attribution",
            "core_removal_effect", "core_journey", "core_journey_transition", "core_journey_channel", "mart_lead",
            "mart_channel_month");

    /** Where the attribution (Java) runs in {@link #INCREMENT}. */
    static final String ATTRIBUTION = "attribution";

    /**
     * An incremental night: the same scripts in the same order, with the scope scripts (sql/scope) between them.
     * The models keyed by lead record (int_lead_member) or by lead (int_lead_domain, core_lead, core_unmatched_lead,
     * core_lead_outcome, core_lead_stage, mart_lead) delete and insert only the keys in scope (sql/macros/scope.sql);
     * the rest, keyed by deal, touch, month or alias, are rebuilt whole. The attribution credits the deals of the
     * leads in scope and keeps the Markov chain's counts ({@link AttributionBuilder#build(TenantSettings, boolean)}).
     */
    static final List<String> INCREMENT = List.of(
            "sql/scope/scope_start.sql", "sql/scope/scope_aliases.sql",
            "sql/intermediate/int_lead_merge.sql", "sql/intermediate/int_lead_alias.sql",
            "sql/scope/scope_aliases.sql", "sql/scope/scope_members.sql",
            "sql/intermediate/int_lead_member.sql", "sql/scope/scope_new_leads.sql",
            "sql/intermediate/int_lead_domain.sql", "sql/intermediate/int_deal_ref.sql",
            "sql/intermediate/int_account_domain.sql", "sql/core/core_ambiguous_domain.sql",
            "sql/core/core_lead_deal_link.sql",
            "sql/intermediate/int_touch.sql", "sql/scope/scope_touches.sql", "sql/core/core_lead.sql", "sql/core/core_deal.sql",
            "sql/scope/scope_deals.sql", "sql/core/core_unmatched_deal.sql", "sql/core/core_unmatched_lead.sql",
            "sql/core/core_lead_outcome.sql", "sql/core/core_lead_stage.sql", "sql/core/core_spend.sql",
            ATTRIBUTION, "sql/marts/mart_lead.sql", "sql/marts/mart_channel_month.sql");

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
     * @param did what the reconcile did: "rebuilt"; "kept: " and why nothing changed; "increment: " and its size
     */
    public record Timings(long matchingMs, long attributionMs, long totalMs, Map<String, Long> scriptMs, String did) {
    }

    static final String KEPT = "kept: ";
    static final String REBUILT = "rebuilt";

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
        var last = full ? java.util.Optional.<ReconcileInputs.State>empty() : inputs.last(tenant.id())
                .filter(l -> l.settings().equals(now.settings()));
        String kept = last.isEmpty() ? null : unchanged(tenant.id(), last.get(), now, neverTouchedBefore);
        if (kept != null) {
            tx.executeWithoutResult(status -> {
                fx.build(tenant.id(), tenant.reportingCurrency(), asOf);
                inputs.save(tenant.id(), now, neverTouchedBefore, asOf, runId, LocalDateTime.now(clock));
            });
            Timings t = new Timings(0, 0, (System.nanoTime() - begin) / 1_000_000, Map.of(), KEPT + kept);
            log.info("reconcile: nothing changed, tables kept ({}; {} ms)", kept, t.totalMs());
            return t;
        }
        // the settings and code of the last complete reconcile: only what changed since is recomputed
        boolean increment = last.isPresent();
        LocalDateTime before = increment ? last.get().neverTouchedBefore() : neverTouchedBefore;
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("tenant", tenant.id())
                .addValue("currency", tenant.reportingCurrency())
                .addValue("model", tenant.attribution().defaultModel())
                .addValue("neverTouchedBefore", Timestamp.valueOf(neverTouchedBefore))
                .addValue("crossFrom", Timestamp.valueOf(before.isBefore(neverTouchedBefore) ? before : neverTouchedBefore))
                .addValue("crossTo", Timestamp.valueOf(before.isBefore(neverTouchedBefore) ? neverTouchedBefore : before))
                .addValue("stripPlusTags", tenant.identity().stripPlusTags() ? 1 : 0)
                .addValue("gmailDots", tenant.identity().ignoreDotsInGmail() ? 1 : 0);
        SqlMacros macros = (increment ? SqlMacros.loadScoped() : SqlMacros.load())
                .with("lead_row_hash", List.of("t"), inputs.leadRowHash());
        Map<String, Long> scriptMs = new LinkedHashMap<>();
        long[] parts = new long[2];
        String[] did = {REBUILT};
        tx.executeWithoutResult(status -> {
            fx.build(tenant.id(), tenant.reportingCurrency(), asOf);
            fx.checkComplete(tenant.id(), tenant.reportingCurrency());
            long m0 = System.nanoTime();
            matchingTables.write(tenant);
            matchingTables.writeSources(tenant, sync);
            markSpendWithoutRates(tenant);
            if (increment) {
                for (String step : INCREMENT) {
                    if (step.equals(ATTRIBUTION)) {
                        parts[1] = attribute(tenant, true);
                    } else {
                        run(List.of(step), p, macros, scriptMs);
                    }
                    if (step.equals(MATCHING_SCRIPTS.get(MATCHING_SCRIPTS.size() - 1))) {
                        parts[0] = (System.nanoTime() - m0) / 1_000_000;
                    }
                }
                did[0] = "increment: " + scopeSize(tenant.id());
                run(List.of("sql/scope/scope_end.sql"), p, macros, scriptMs);
            } else {
                run(MATCHING_SCRIPTS, p, macros, scriptMs);
                parts[0] = (System.nanoTime() - m0) / 1_000_000;
                run(CORE_SCRIPTS, p, macros, scriptMs);
                parts[1] = attribute(tenant, false);
                run(MART_SCRIPTS, p, macros, scriptMs);
            }
            inputs.save(tenant.id(), now, neverTouchedBefore, asOf, runId, LocalDateTime.now(clock));
            analyzeAfterCommit();
        });
        Timings t = new Timings(parts[0], parts[1], (System.nanoTime() - begin) / 1_000_000, Map.copyOf(scriptMs), did[0]);
        log.info("reconcile: {}; matching {} ms, attribution {} ms, total {} ms", t.did(), t.matchingMs(),
                t.attributionMs(), t.totalMs());
        return t;
    }

    /**
     * Fresh index statistics for the tables just written, after the commit (ANALYZE commits implicitly on MySQL and
     * MariaDB, so never inside the reconcile). InnoDB's own, taken while a million rows were being replaced, can
     * leave the next night's scoped statements reading a whole tenant where a few keys were wanted. A sample of
     * each index: milliseconds. H2 keeps its statistics itself.
     */
    private void analyzeAfterCommit() {
        if (!dialect.mysqlFamily()) {
            return;
        }
        // the reconcile may run inside a longer transaction (a Batch step's): after the outermost one commits
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                long t0 = System.nanoTime();
                try {
                    jdbc.getJdbcTemplate().execute("ANALYZE TABLE " + String.join(", ", TABLES)
                            + ", reconcile_scope_record, reconcile_scope_lead");
                    log.debug("statistics of the reconciled tables taken in {} ms", (System.nanoTime() - t0) / 1_000_000);
                } catch (RuntimeException e) {
                    // only a plan at stake, never the figures
                    log.warn("could not refresh the statistics of the reconciled tables: {}", e.getMessage());
                }
            }
        });
    }

    private long attribute(TenantSettings tenant, boolean scoped) {
        long t0 = System.nanoTime();
        AttributionBuilder.Summary a = attribution.build(tenant, scoped);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        log.info("attribution: {} deals, {} credit rows, {} journeys ({} converted) in {} ms", a.deals(), a.rows(),
                a.journeys(), a.conversions(), ms);
        return ms;
    }

    /** The night's increment in words: the lead records and leads recomputed, of how many. */
    private String scopeSize(String tenant) {
        MapSqlParameterSource t = new MapSqlParameterSource("tenant", tenant);
        long records = count("SELECT COUNT(*) FROM reconcile_scope_record WHERE tenant = :tenant", t);
        long leads = count("SELECT COUNT(*) FROM reconcile_scope_lead WHERE tenant = :tenant", t);
        long all = count("SELECT COUNT(*) FROM core_lead WHERE tenant = :tenant", t);
        return plural(records, "lead record") + " and " + plural(leads, "lead") + " recomputed (of "
                + plural(all, "lead") + "); deals, links, touches, spend, attribution and the monthly mart rebuilt whole";
    }

    private static String plural(long n, String noun) {
        return String.format(java.util.Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }

    private long count(String sql, MapSqlParameterSource p) {
        Long n = jdbc.queryForObject(sql, p, Long.class);
        return n == null ? 0 : n;
    }

    /** Why the tables can be kept, or null when something they are built from changed. */
    private String unchanged(String tenant, ReconcileInputs.State s, ReconcileInputs.Fingerprint now,
                             LocalDateTime neverTouchedBefore) {
        if (!s.data().equals(now.data())
                || inputs.crossesNeverTouched(tenant, s.neverTouchedBefore(), neverTouchedBefore) > 0) {
            return null;
        }
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

    private void run(List<String> scripts, MapSqlParameterSource p, SqlMacros macros, Map<String, Long> scriptMs) {
        for (String path : scripts) {
            long t0 = System.nanoTime();
            List<String> statements = SqlScript.load(path, macros).statements();
            for (int i = 0; i < statements.size(); i++) {
                long s0 = System.nanoTime();
                String sql = dialect.forServer(statements.get(i));
                int rows = jdbc.update(macros.scoped() ? dialect.scopedDelete(sql) : sql, p);
                log.trace("{} statement {}: {} rows in {} ms", path, i + 1, rows, (System.nanoTime() - s0) / 1_000_000);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            scriptMs.merge(path, ms, Long::sum);
            log.debug("{} in {} ms", path, ms);
        }
    }
}
