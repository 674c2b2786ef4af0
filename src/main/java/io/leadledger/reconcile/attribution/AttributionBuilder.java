package io.leadledger.reconcile.attribution;

import io.leadledger.jobs.TenantSettings;
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

    private final JdbcTemplate jdbc;
    private final TouchSource touches;

    public AttributionBuilder(JdbcTemplate jdbc, TouchSource touches) {
        this.jdbc = jdbc;
        this.touches = touches;
    }

    /** A lead with deals, its touches kept for crediting them. */
    private record LeadDeals(List<Touch> touches, List<Deal> deals) {
    }

    public record Summary(long journeys, long conversions, long deals, long rows) {
    }

    public Summary build(TenantSettings tenant) {
        String t = tenant.id();
        long t0 = System.nanoTime();
        Map<String, List<Deal>> dealsByLead = deals(t);
        JourneyGraph graph = new JourneyGraph();
        List<LeadDeals> toCredit = new ArrayList<>();
        touches.forEachLead(t, (lead, path) -> {
            List<Deal> deals = dealsByLead.remove(lead);
            graph.add(journey(path, deals), deals != null && deals.stream().anyMatch(Deal::won));
            if (deals != null) {
                toCredit.add(new LeadDeals(path, deals));
            }
        });
        long t1 = System.nanoTime();
        RemovalEffects effects = graph.removalEffects();
        writeRemovalEffects(t, effects);
        long t2 = System.nanoTime();

        List<AttributionModel> models = AttributionModels.all(tenant.attribution(), effects);
        jdbc.update("DELETE FROM core_attribution WHERE tenant = ?", t);
        List<Object[]> batch = new ArrayList<>(BATCH);
        long rows = 0;
        long deals = 0;
        for (LeadDeals lead : toCredit) {
            for (Deal deal : lead.deals()) {
                DealPath path = DealPath.of(deal, lead.touches());
                deals++;
                for (AttributionModel model : models) {
                    for (Credit c : CreditSplit.split(deal.amountRpt(), model.weights(path))) {
                        batch.add(row(t, path, model.name(), c));
                        if (batch.size() == BATCH) {
                            rows += flush(batch);
                        }
                    }
                }
            }
        }
        rows += flush(batch);
        log.debug("attribution: touches read in {} ms, Markov chain solved in {} ms, credits written in {} ms",
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
        return new Summary(graph.journeys(), graph.conversions(), deals, rows);
    }

    /** Consistent deals with a lead and an amount in the reporting currency, by lead. */
    private Map<String, List<Deal>> deals(String tenant) {
        Map<String, List<Deal>> byLead = new HashMap<>();
        jdbc.query("""
                SELECT source_name, record_id, lead_key, status, amount_rpt, created_at, close_date FROM core_deal
                WHERE tenant = ? AND lead_key IS NOT NULL AND inconsistent = 0 AND amount_rpt IS NOT NULL""", rs -> {
            Timestamp created = rs.getTimestamp(6);
            Deal d = new Deal(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5),
                    created == null ? null : created.toLocalDateTime(), rs.getDate(7).toLocalDate());
            byLead.computeIfAbsent(d.leadKey(), k -> new ArrayList<>(1)).add(d);
        }, tenant);
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
