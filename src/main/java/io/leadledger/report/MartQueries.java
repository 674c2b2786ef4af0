package io.leadledger.report;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Reads mart_channel_month for a tenant and a month range, summed by whatever key the caller groups on. */
@Component
public class MartQueries {

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;

    public MartQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.streaming = StreamingJdbc.of(jdbc.getDataSource());
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
