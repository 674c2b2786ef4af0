package io.leadledger.reconcile.attribution;

import io.leadledger.warehouse.Dialect;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Touches from the lead records merged into each lead (int_lead_member): each record is a touch at its
 * creation, in the channel mapped exactly as core_lead.sql maps a lead's channel; and the tenant's campaign touches
 * (touches sources, matched to leads by int_touch.sql), which are not lead records and may come before the first.
 * One query, streamed. Ties in time are broken as core_lead.sql breaks them (source name, record id), so the first
 * lead record is the lead's primary record.
 */
@Component
public class JourneyTouchSource implements TouchSource {

    private static final String SQL = """
            SELECT m.lead_key, s.created_at, s.source_name, s.record_id,
                   COALESCE(c1.channel, c2.channel, s.source_raw, '(unknown)'), COALESCE(s.campaign, '(none)')
            FROM int_lead_member m
            JOIN stg_lead s ON s.tenant = m.tenant AND s.source_name = m.source_name AND s.record_id = m.record_id
            LEFT JOIN channel_map c1 ON c1.tenant = s.tenant
                 AND c1.raw_value = LOWER(CONCAT(COALESCE(s.source_raw, ''), ' / ', COALESCE(s.source_detail, '')))
            LEFT JOIN channel_map c2 ON c2.tenant = s.tenant AND c2.raw_value = LOWER(COALESCE(s.source_raw, '(blank)'))
            WHERE m.tenant = ?
            ORDER BY m.lead_key""";
    /** With campaign touches: both kinds, sorted by lead by the database (only tenants with touches pay the sort). */
    private static final String WITH_TOUCHES = """
            SELECT u.lead_key, u.at, u.source_name, u.record_id, u.channel, u.campaign, u.lead_record FROM (
              SELECT m.lead_key AS lead_key, s.created_at AS at, s.source_name AS source_name, s.record_id AS record_id,
                     COALESCE(c1.channel, c2.channel, s.source_raw, '(unknown)') AS channel,
                     COALESCE(s.campaign, '(none)') AS campaign, 1 AS lead_record
              FROM int_lead_member m
              JOIN stg_lead s ON s.tenant = m.tenant AND s.source_name = m.source_name AND s.record_id = m.record_id
              LEFT JOIN channel_map c1 ON c1.tenant = s.tenant
                   AND c1.raw_value = LOWER(CONCAT(COALESCE(s.source_raw, ''), ' / ', COALESCE(s.source_detail, '')))
              LEFT JOIN channel_map c2 ON c2.tenant = s.tenant AND c2.raw_value = LOWER(COALESCE(s.source_raw, '(blank)'))
              WHERE m.tenant = ?
              UNION ALL
              SELECT t.lead_key, t.touched_at, t.source_name, t.record_id, t.channel, t.campaign, 0
              FROM int_touch t
              WHERE t.tenant = ? AND t.lead_key IS NOT NULL
            ) u
            ORDER BY u.lead_key""";
    private static final String IN_SCOPE = "%s IN (SELECT z.lead_key FROM reconcile_scope_lead z WHERE z.tenant = ?)";

    // by lead only: both databases then read int_lead_member in index order and stream without sorting
    // a million rows; the few touches of one lead are put in time order here
    private static final Comparator<Touch> TIME_ORDER = Comparator.comparing(Touch::at)
            .thenComparing(Touch::sourceName).thenComparing(Touch::recordId);

    private final JdbcTemplate streaming;
    private final JdbcTemplate jdbc;

    public JourneyTouchSource(DataSource dataSource, Dialect dialect) {
        this.streaming = new JdbcTemplate(dataSource);
        this.jdbc = new JdbcTemplate(dataSource);
        streaming.setFetchSize(dialect.streamingFetchSize());
    }

    @Override
    public void forEachLead(String tenant, BiConsumer<String, List<Touch>> lead) {
        forEachLead(tenant, false, lead);
    }

    /**
     * {@inheritDoc} With {@code scoped}, only the leads in the night's scope (reconcile_scope_lead): an incremental
     * night's journeys.
     */
    @Override
    public void forEachLead(String tenant, boolean scoped, BiConsumer<String, List<Touch>> lead) {
        // channel, campaign and source names repeat millions of times: keep one copy of each
        Map<String, String> names = new HashMap<>();
        List<Touch> touches = new ArrayList<>();
        String[] current = {null};
        boolean campaignTouches = Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT COUNT(*) > 0 FROM (SELECT 1 FROM int_touch WHERE tenant = ? AND lead_key IS NOT NULL LIMIT 1) x",
                Boolean.class, tenant));
        String sql = campaignTouches ? WITH_TOUCHES : SQL;
        Object[] args = campaignTouches ? new Object[] {tenant, tenant} : new Object[] {tenant};
        if (scoped) {
            // the lead records driven from the (small) scope, by int_lead_member's lead index
            sql = sql.replace("FROM int_lead_member m", "FROM reconcile_scope_lead z JOIN int_lead_member m ON m.tenant = z.tenant"
                            + " AND m.lead_key = z.lead_key")
                    .replace("WHERE m.tenant = ?", "WHERE z.tenant = ?")
                    .replace("WHERE t.tenant = ? AND t.lead_key IS NOT NULL", "WHERE t.tenant = ? AND t.lead_key IS NOT NULL AND "
                            + IN_SCOPE.formatted("t.lead_key"));
            args = campaignTouches ? new Object[] {tenant, tenant, tenant} : new Object[] {tenant};
        }
        streaming.query(sql, rs -> {
            String key = rs.getString(1);
            if (current[0] != null && !current[0].equals(key)) {
                emit(current[0], touches, lead);
            }
            current[0] = key;
            LocalDateTime at = rs.getTimestamp(2).toLocalDateTime();
            touches.add(new Touch(at, names.computeIfAbsent(rs.getString(5), k -> k),
                    names.computeIfAbsent(rs.getString(6), k -> k), names.computeIfAbsent(rs.getString(3), k -> k),
                    rs.getString(4), !campaignTouches || rs.getInt(7) == 1));
        }, args);
        if (current[0] != null) {
            emit(current[0], touches, lead);
        }
    }

    private static void emit(String key, List<Touch> touches, BiConsumer<String, List<Touch>> lead) {
        touches.sort(TIME_ORDER);
        lead.accept(key, List.copyOf(touches));
        touches.clear();
    }
}
