package io.leadledger.report.figures;

import io.leadledger.warehouse.Dialect;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Reads mart_channel_month for a tenant and a month range, summed by whatever key the caller groups on. */
@Component
public class MartQueries {

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final boolean h2;

    public MartQueries(JdbcTemplate jdbc, StreamingJdbc streaming, Dialect dialect) {
        this.jdbc = jdbc;
        this.streaming = streaming.template();
        this.h2 = dialect.h2();
    }

    /**
     * A table hint for a query that reads a large share of a big table's rows ("USE INDEX ()": no index, read the
     * table), or "" where the database decides well. H2 fetches each row an index finds from the table, page by
     * page in index order: for two years of handed leads (half of a million-lead table, spread over all of it) that
     * decoded the table's pages many times over, 7.6 s of CPU against 3 s to read the table once. MariaDB already
     * reads the table for such a range, by its primary key, which also keeps other tenants' rows out.
     */
    public String wholeTable() {
        return h2 ? "USE INDEX ()" : "";
    }

    public record Row(int month, String channel, String campaign) {
    }

    /** Figures per group key over [fromMonth, toMonth], keys sorted. */
    public Map<String, ChannelFigures> sum(String tenant, int fromMonth, int toMonth, Function<Row, String> groupKey) {
        Map<String, ChannelFigures> out = new TreeMap<>();
        jdbc.query("SELECT * FROM mart_channel_month WHERE tenant = ? AND month_key BETWEEN ? AND ?", rs -> {
            Row r = new Row(rs.getInt("month_key"), rs.getString("channel"), rs.getString("campaign"));
            out.computeIfAbsent(groupKey.apply(r), k -> new ChannelFigures()).add(rs);
        }, tenant, fromMonth, toMonth);
        return out;
    }

    /**
     * Won leads and their revenue to date (mart_lead.won_amount_rpt) per group key, over the leads created in
     * [fromMonth, toMonth]. Read from the won deals (each won lead has exactly one rank-1 won deal) joined to
     * mart_lead by key, rather than by scanning every lead of the months: won leads are a few percent of them.
     */
    public Map<String, WonCohort> wonCohorts(String tenant, int fromMonth, int toMonth, Function<Row, String> groupKey) {
        Map<String, WonCohort> out = new TreeMap<>();
        jdbc.query("""
                SELECT m.created_month, m.channel, m.campaign, COUNT(*), SUM(m.won_amount_rpt)
                FROM core_deal d JOIN mart_lead m ON m.tenant = d.tenant AND m.lead_key = d.lead_key
                WHERE d.tenant = ? AND d.status = 'won' AND d.lead_rank = 1 AND m.created_month BETWEEN ? AND ?
                GROUP BY m.created_month, m.channel, m.campaign""", rs -> {
            String k = groupKey.apply(new Row(rs.getInt(1), rs.getString(2), rs.getString(3)));
            out.merge(k, new WonCohort(rs.getLong(4), rs.getBigDecimal(5)),
                    (a, b) -> new WonCohort(a.wonLeads() + b.wonLeads(), a.revenue().add(b.revenue())));
        }, tenant, fromMonth, toMonth);
        return out;
    }

    public record WonCohort(long wonLeads, BigDecimal revenue) {
        public static final WonCohort NONE = new WonCohort(0, BigDecimal.ZERO);
    }

    public ChannelFigures total(String tenant, int fromMonth, int toMonth) {
        ChannelFigures t = new ChannelFigures();
        sum(tenant, fromMonth, toMonth, r -> "").values().forEach(t::add);
        return t;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** For queries that read one row per lead: streamed, never buffered whole. */
    public JdbcTemplate streaming() {
        return streaming;
    }
}
