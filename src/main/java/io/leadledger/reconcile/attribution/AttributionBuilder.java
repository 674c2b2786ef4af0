package io.leadledger.reconcile.attribution;

import io.leadledger.jobs.AttributionModelId;
import io.leadledger.jobs.TenantSettings;
import io.leadledger.warehouse.Dialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds core_attribution (every deal under every model) and core_removal_effect for a tenant, inside
 * the reconcile transaction, after core_deal and before the marts.
 * <p>
 * One streamed pass over the touches feeds the Markov chain with every lead's journey and keeps the
 * touches of the leads that have deals (a tenth of them or so). The writes come after the stream is
 * closed: Connector/J allows no other statement on a connection while a result set streams.
 */
@Component
public class AttributionBuilder {

    private static final Logger log = LoggerFactory.getLogger(AttributionBuilder.class);
    private static final int BATCH = 1000;
    private static final String INSERT = """
            INSERT INTO core_attribution (tenant, source_name, record_id, model, touch_seq, lead_key, channel, campaign,
                                          credit_share, credit_rpt, touch_source, touch_record_id, touch_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** Between a journey's channels in core_journey.channels: a control character no channel holds. */
    static final String SEPARATOR = "\u001f";
    private static final String IN_SCOPE = "%s IN (SELECT z.lead_key FROM reconcile_scope_lead z WHERE z.tenant = ?)";

    private final JdbcTemplate jdbc;
    private final TouchSource touches;
    private final Dialect dialect;

    public AttributionBuilder(JdbcTemplate jdbc, TouchSource touches, Dialect dialect) {
        this.jdbc = jdbc;
        this.touches = touches;
        this.dialect = dialect;
    }

    /** A lead with deals, its touches kept for crediting them. */
    private record LeadDeals(List<Touch> touches, List<Deal> deals) {
    }

    public record Summary(long journeys, long conversions, long deals, long rows) {
    }

    public Summary build(TenantSettings tenant) {
        return build(tenant, false);
    }

    /**
     * Rebuilds the tenant's attribution, or ({@code scoped}, an incremental night) that of the leads in the night's
     * scope (reconcile_scope_lead): their old journeys are taken out of the Markov chain's kept counts
     * (core_journey_*) and their new ones added, their deals credited under every model; when the chain's removal
     * effects moved, every other deal's Markov credit is recomputed from its path as stored (its linear credits hold
     * every touch of it). Either way the rows are those a full rebuild writes.
     */
    public Summary build(TenantSettings tenant, boolean scoped) {
        String t = tenant.id();
        long t0 = System.nanoTime();
        Map<String, List<Deal>> dealsByLead = deals(t, scoped);
        JourneyGraph graph = new JourneyGraph();
        if (scoped) {
            loadCounts(t, graph);
            jdbc.query("SELECT j.channels, j.converted FROM core_journey j WHERE j.tenant = ? AND " + IN_SCOPE.formatted("j.lead_key"),
                    rs -> { graph.remove(channels(rs.getString(1)), rs.getInt(2) == 1); }, t, t);
            deleteInScope("core_journey", t);
        } else {
            jdbc.update("DELETE FROM core_journey WHERE tenant = ?", t);
        }
        List<LeadDeals> toCredit = new ArrayList<>();
        // every lead's journey, kept compact until the stream is closed (one statement at a time on a streaming
        // connection): the lead keys, the journeys (few distinct ones, shared) and which converted
        List<String> journeyLeads = new ArrayList<>();
        List<String> journeyPaths = new ArrayList<>();
        java.util.BitSet journeyConverted = new java.util.BitSet();
        Map<String, String> distinct = new HashMap<>();
        touches.forEachLead(t, scoped, (lead, path) -> {
            List<Deal> deals = dealsByLead.remove(lead);
            boolean converted = deals != null && deals.stream().anyMatch(Deal::won);
            List<String> journey = journey(path, deals);
            graph.add(journey, converted);
            if (!journey.isEmpty()) {
                journeyConverted.set(journeyLeads.size(), converted);
                journeyLeads.add(lead);
                journeyPaths.add(distinct.computeIfAbsent(String.join(SEPARATOR, journey), k -> k));
            }
            if (deals != null) {
                toCredit.add(new LeadDeals(path, deals));
            }
        });
        long journeyRows = 0;
        List<Object[]> journeys = new ArrayList<>(BATCH);
        for (int i = 0; i < journeyLeads.size(); i++) {
            journeys.add(new Object[] {t, journeyLeads.get(i), journeyPaths.get(i), journeyConverted.get(i) ? 1 : 0});
            if (journeys.size() == BATCH || i == journeyLeads.size() - 1) {
                journeyRows += jdbc.batchUpdate("INSERT INTO core_journey (tenant, lead_key, channels, converted) "
                        + "VALUES (?, ?, ?, ?)", journeys).length;
                journeys.clear();
            }
        }
        saveCounts(t, graph);
        long t1 = System.nanoTime();
        RemovalEffects effects = graph.removalEffects();
        boolean effectsMoved = !scoped || !storedEffects(t).equals(effectRows(t, effects));
        writeRemovalEffects(t, effects);
        long t2 = System.nanoTime();

        List<AttributionModel> models = AttributionModels.all(tenant.attribution(), effects);
        if (scoped) {
            deleteInScope("core_attribution", t);
        } else {
            jdbc.update("DELETE FROM core_attribution WHERE tenant = ?", t);
        }
        List<Object[]> batch = new ArrayList<>(BATCH);
        long rows = 0;
        long deals = 0;
        for (LeadDeals lead : toCredit) {
            for (Deal deal : lead.deals()) {
                DealPath path = DealPath.of(deal, lead.touches());
                deals++;
                for (AttributionModel model : models) {
                    rows += credit(t, path, model, batch);
                }
            }
        }
        rows += flush(batch);
        if (scoped && effectsMoved) {
            rows += recreditMarkovOutsideScope(t, models);
        }
        log.debug("attribution: touches read in {} ms, Markov chain solved in {} ms, credits written in {} ms ({} journeys"
                        + " written{})", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000,
                journeyRows, scoped && effectsMoved ? "; removal effects moved: every deal's Markov credit recomputed" : "");
        return new Summary(graph.journeys(), graph.conversions(), deals, rows);
    }

    private long credit(String t, DealPath path, AttributionModel model, List<Object[]> batch) {
        long rows = 0;
        for (Credit c : CreditSplit.split(path.deal().amountRpt(), model.weights(path))) {
            batch.add(row(t, path, model.name(), c));
            if (batch.size() == BATCH) {
                rows += flush(batch);
            }
        }
        return rows;
    }

    /**
     * The Markov credits of the deals outside the scope, from their paths as the linear model stored them (one row
     * per touch of the path, in order): their touches did not change, the removal effects did.
     */
    private long recreditMarkovOutsideScope(String t, List<AttributionModel> models) {
        AttributionModel markov = models.stream().filter(m -> m.id() == AttributionModelId.MARKOV).findFirst().orElseThrow();
        Map<String, Deal> dealsOf = new java.util.LinkedHashMap<>();
        Map<String, List<Touch>> paths = new HashMap<>();
        jdbc.query("""
                SELECT a.source_name, a.record_id, a.lead_key, d.status, d.amount_rpt, d.created_at, d.close_date,
                       a.touch_at, a.channel, a.campaign, a.touch_source, a.touch_record_id
                FROM core_attribution a
                JOIN core_deal d ON d.tenant = a.tenant AND d.source_name = a.source_name AND d.record_id = a.record_id
                WHERE a.tenant = ? AND a.model = ?\s""" + " AND NOT " + IN_SCOPE.formatted("a.lead_key") + """

                ORDER BY a.source_name, a.record_id, a.touch_seq""", rs -> {
            String key = rs.getString(1) + '\u0000' + rs.getString(2);
            dealsOf.computeIfAbsent(key, k -> {
                try {
                    Timestamp created = rs.getTimestamp(6);
                    return new Deal(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getBigDecimal(5), created == null ? null : created.toLocalDateTime(), rs.getDate(7).toLocalDate());
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            paths.computeIfAbsent(key, k -> new ArrayList<>()).add(new Touch(rs.getTimestamp(8).toLocalDateTime(),
                    rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), false));
        }, t, AttributionModelId.LINEAR.id(), t);
        jdbc.update("DELETE FROM core_attribution WHERE tenant = ? AND model = ? AND NOT " + IN_SCOPE.formatted("lead_key"),
                t, markov.name(), t);
        List<Object[]> batch = new ArrayList<>(BATCH);
        long rows = 0;
        for (Map.Entry<String, Deal> e : dealsOf.entrySet()) {
            rows += credit(t, DealPath.of(e.getValue(), paths.get(e.getKey())), markov, batch);
        }
        return rows + flush(batch);
    }

    private void loadCounts(String t, JourneyGraph graph) {
        jdbc.query("SELECT from_state, to_state, transitions FROM core_journey_transition WHERE tenant = ?",
                rs -> { graph.load(rs.getString(1), rs.getString(2), rs.getLong(3)); }, t);
        jdbc.query("SELECT channel, journeys, conversions FROM core_journey_channel WHERE tenant = ?",
                rs -> { graph.loadChannel(rs.getString(1), rs.getLong(2), rs.getLong(3)); }, t);
    }

    private void saveCounts(String t, JourneyGraph graph) {
        List<Object[]> transitions = new ArrayList<>();
        List<Object[]> channels = new ArrayList<>();
        graph.counts(new JourneyGraph.Counts() {
            @Override
            public void transition(String from, String to, long count) {
                transitions.add(new Object[] {t, from, to, count});
            }

            @Override
            public void channel(String channel, long journeys, long conversions) {
                channels.add(new Object[] {t, channel, journeys, conversions});
            }
        });
        jdbc.update("DELETE FROM core_journey_transition WHERE tenant = ?", t);
        jdbc.update("DELETE FROM core_journey_channel WHERE tenant = ?", t);
        jdbc.batchUpdate("INSERT INTO core_journey_transition (tenant, from_state, to_state, transitions) VALUES (?, ?, ?, ?)",
                transitions);
        jdbc.batchUpdate("INSERT INTO core_journey_channel (tenant, channel, journeys, conversions) VALUES (?, ?, ?, ?)",
                channels);
    }

    /** The removal effects as stored, one line per channel, to tell whether tonight's moved. */
    private List<String> storedEffects(String t) {
        return jdbc.query("SELECT channel, journeys, conversions, p_conversion, p_without, removal_effect, share "
                + "FROM core_removal_effect WHERE tenant = ? ORDER BY channel", (rs, i) -> rs.getString(1) + '|' + rs.getLong(2)
                + '|' + rs.getLong(3) + '|' + rs.getBigDecimal(4).stripTrailingZeros().toPlainString() + '|'
                + rs.getBigDecimal(5).stripTrailingZeros().toPlainString() + '|'
                + rs.getBigDecimal(6).stripTrailingZeros().toPlainString() + '|'
                + rs.getBigDecimal(7).stripTrailingZeros().toPlainString(), t);
    }

    private static List<String> effectRows(String t, RemovalEffects effects) {
        return effects.channels().stream().sorted(java.util.Comparator.comparing(RemovalEffects.Channel::channel))
                .map(c -> c.channel() + '|' + c.journeys() + '|' + c.conversions() + '|'
                        + effects.conversionProbability().stripTrailingZeros().toPlainString() + '|'
                        + c.without().stripTrailingZeros().toPlainString() + '|'
                        + c.removalEffect().stripTrailingZeros().toPlainString() + '|'
                        + c.share().stripTrailingZeros().toPlainString()).toList();
    }

    /** The table's rows of the leads in scope, deleted as the SQL scripts' scoped deletes are (sql/macros/scope.sql). */
    private void deleteInScope(String table, String t) {
        String sql = dialect.scopedDelete("DELETE FROM " + table + " WHERE tenant = :tenant AND (" + table + ".lead_key IN "
                + "(SELECT z.lead_key FROM reconcile_scope_lead z WHERE z.tenant = :tenant))");
        new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(jdbc)
                .update(sql, new org.springframework.jdbc.core.namedparam.MapSqlParameterSource("tenant", t));
    }

    static List<String> channels(String journey) {
        return List.of(journey.split(SEPARATOR, -1));
    }

    /** Consistent deals with a lead and an amount in the reporting currency, by lead. */
    private Map<String, List<Deal>> deals(String tenant, boolean scoped) {
        Map<String, List<Deal>> byLead = new HashMap<>();
        jdbc.query("""
                SELECT source_name, record_id, lead_key, status, amount_rpt, created_at, close_date FROM core_deal
                WHERE tenant = ? AND lead_key IS NOT NULL AND inconsistent = 0 AND amount_rpt IS NOT NULL""" + (scoped
                ? " AND " + IN_SCOPE.formatted("lead_key") : ""), rs -> {
            Timestamp created = rs.getTimestamp(6);
            Deal d = new Deal(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5),
                    created == null ? null : created.toLocalDateTime(), rs.getDate(7).toLocalDate());
            byLead.computeIfAbsent(d.leadKey(), k -> new ArrayList<>(1)).add(d);
        }, scoped ? new Object[] {tenant, tenant} : new Object[] {tenant});
        return byLead;
    }

    /**
     * A lead's journey for the Markov chain: converting if it has a won deal, then up to the close of its
     * first won deal (what came after did not lead to that conversion); otherwise all its touches.
     */
    static List<String> journey(List<Touch> path, List<Deal> deals) {
        LocalDate end = null;
        if (deals != null) {
            for (Deal d : deals) {
                if (d.won() && (end == null || d.closeDate().isBefore(end))) {
                    end = d.closeDate();
                }
            }
        }
        List<String> channels = new ArrayList<>(path.size());
        for (Touch touch : path) {
            if (end != null && touch.at().toLocalDate().isAfter(end) && !channels.isEmpty()) {
                break;
            }
            channels.add(touch.channel());
        }
        return channels;
    }

    private static Object[] row(String tenant, DealPath path, String model, Credit c) {
        Deal d = path.deal();
        Touch touch = path.touches().get(c.touch());
        return new Object[] {tenant, d.sourceName(), d.recordId(), model, c.touch() + 1, d.leadKey(), touch.channel(),
                touch.campaign(), c.share(), c.amount(), touch.sourceName(), touch.recordId(), Timestamp.valueOf(touch.at())};
    }

    private long flush(List<Object[]> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        jdbc.batchUpdate(INSERT, batch);
        long n = batch.size();
        batch.clear();
        return n;
    }

    private void writeRemovalEffects(String tenant, RemovalEffects effects) {
        jdbc.update("DELETE FROM core_removal_effect WHERE tenant = ?", tenant);
        List<Object[]> rows = new ArrayList<>();
        for (RemovalEffects.Channel c : effects.channels()) {
            rows.add(new Object[] {tenant, c.channel(), c.journeys(), c.conversions(), effects.conversionProbability(),
                    c.without(), c.removalEffect(), c.share()});
        }
        jdbc.batchUpdate("""
                INSERT INTO core_removal_effect (tenant, channel, journeys, conversions, p_conversion, p_without,
                                                 removal_effect, share)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", rows);
    }
}
