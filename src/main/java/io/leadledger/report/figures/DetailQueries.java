package io.leadledger.report.figures;

import io.leadledger.report.ReportContext;
import io.leadledger.report.document.Column;
import io.leadledger.report.document.DetailSheet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import static io.leadledger.report.document.ValueType.DECIMAL;
import static io.leadledger.report.document.ValueType.INTEGER;
import static io.leadledger.report.document.ValueType.MONEY;
import static io.leadledger.report.document.ValueType.PERCENT;
import static io.leadledger.report.document.ValueType.TEXT;

/** The row-level detail sheets of each report, so an analyst can find every figure's rows in their CRM. */
@Component
public class DetailQueries {

    private final JdbcTemplate streaming;

    public DetailQueries(StreamingJdbc streaming) {
        this.streaming = streaming.template();
    }

    private static final List<Column> LEAD_COLUMNS = List.of(
            new Column("primarySource", "Source system", TEXT), new Column("primaryRecordId", "Source record id", TEXT),
            new Column("leadKey", "Lead (e-mail or system:id)", TEXT), new Column("channel", "Source", TEXT),
            new Column("campaign", "Campaign", TEXT), new Column("createdAt", "Created", TEXT),
            new Column("handedAt", "Handed to sales", TEXT), new Column("firstTouchAt", "First sales touch", TEXT),
            new Column("status", "Funnel status", TEXT), new Column("rejectionReason", "Rejection reason", TEXT),
            new Column("outcome", "Outcome", TEXT), new Column("owner", "Owner", TEXT),
            new Column("dealSource", "Deal system", TEXT), new Column("dealId", "Deal id", TEXT),
            new Column("matchMethod", "Match method", TEXT), new Column("wonAmount", "Won amount", MONEY));

    private static final String LEAD_SQL = """
            SELECT primary_source, primary_record_id, lead_key, channel, campaign, created_at, handed_at, first_touch_at,
                   funnel_status, rejection_reason, outcome, owner_name, deal_source, deal_record_id, match_method,
                   won_amount_rpt
            FROM mart_lead WHERE tenant = ? AND %1$s_month BETWEEN ? AND ? ORDER BY %1$s_month, %1$s_at, lead_key""";

    public DetailSheet leadsCreated(ReportContext ctx) {
        return leads("Leads created", "created", ctx.monthKey(), ctx.monthKey(), ctx);
    }

    public DetailSheet leadsHanded(ReportContext ctx) {
        return leads("Leads handed (12 mo)", "handed", ctx.firstOf12(), ctx.monthKey(), ctx);
    }

    /**
     * The leads created (or handed) in the months, in time order: x_month is the month of x_at, so ordering by it
     * first gives the same order as by x_at. MariaDB sorts the rows in one pass (see {@link StreamingJdbc}).
     */
    private DetailSheet leads(String name, String event, int from, int to, ReportContext ctx) {
        String sql = LEAD_SQL.formatted(event);
        boolean touch = ctx.touchMeasured();
        return new DetailSheet(name, LEAD_COLUMNS, sink -> streaming.query(sql, rs -> {
            sink.accept(new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    text(rs.getTimestamp(6)), text(rs.getTimestamp(7)), text(rs.getTimestamp(8)), measured(rs.getString(9), touch),
                    rs.getString(10), measured(rs.getString(11), touch), rs.getString(12), rs.getString(13), rs.getString(14),
                    rs.getString(15), rs.getBigDecimal(16)});
        }, ctx.tenant().id(), from, to));
    }

    /** Without a first-activity date no lead is "never touched" (not measured): it is pending, as in the figures. */
    private static String measured(String status, boolean touchMeasured) {
        return !touchMeasured && "never_touched".equals(status) ? "pending" : status;
    }

    public DetailSheet dealsWon(ReportContext ctx) {
        List<Column> cols = new ArrayList<>(List.of(
                new Column("dealSource", "Deal system", TEXT), new Column("dealId", "Deal id", TEXT),
                new Column("name", "Deal", TEXT), new Column("account", "Account", TEXT),
                new Column("closeDate", "Close date", TEXT), new Column("amount", "Amount", MONEY),
                new Column("currency", "Currency", TEXT), new Column("amountRpt", "Amount (" + ctx.tenant().reportingCurrency() + ")", MONEY),
                new Column("leadKey", "Lead", TEXT), new Column("matchMethod", "Match method", TEXT),
                new Column("channel", "Credited source", TEXT), new Column("campaign", "Credited campaign", TEXT),
                new Column("credit", "Credit (" + ctx.tenant().reportingCurrency() + ")", MONEY)));
        String sql = """
                SELECT d.source_name, d.record_id, d.deal_name, d.account_name, d.close_date, d.amount, d.currency,
                       d.amount_rpt, d.lead_key, d.match_method, COALESCE(a.channel, '(unattributed)'),
                       COALESCE(a.campaign, '(none)'), COALESCE(a.credit_rpt, d.amount_rpt)
                FROM core_deal d
                LEFT JOIN core_attribution a ON a.tenant = d.tenant AND a.source_name = d.source_name
                     AND a.record_id = d.record_id AND a.model = ?
                WHERE d.tenant = ? AND d.status = 'won' AND d.close_date BETWEEN ? AND ?
                ORDER BY d.close_date, d.source_name, d.record_id, a.touch_seq""";
        return new DetailSheet("Won deals (12 mo)", cols, sink -> streaming.query(sql, rs -> {
            sink.accept(new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getDate(5).toLocalDate().toString(), rs.getBigDecimal(6), rs.getString(7), rs.getBigDecimal(8),
                    rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getBigDecimal(13)});
        }, AttributionModels.defaultModel(ctx.tenant()), ctx.tenant().id(), firstDay(ctx), lastDay(ctx)));
    }

    /**
     * Every credit behind the ROI and model-comparison figures: per won deal (closed in the trailing 12 months)
     * and model, each credited touch with its lead, how the deal was linked to it, and its share; a deal a model
     * does not credit is listed once under '(unattributed)' with its whole amount, as the reports count it.
     */
    public DetailSheet attribution(ReportContext ctx) {
        String ccy = ctx.tenant().reportingCurrency();
        List<Column> cols = List.of(new Column("model", "Model", TEXT), new Column("dealSource", "Deal system", TEXT),
                new Column("dealId", "Deal id", TEXT), new Column("closeDate", "Close date", TEXT),
                new Column("amountRpt", "Deal amount (" + ccy + ")", MONEY), new Column("touch", "Touch", INTEGER),
                new Column("leadKey", "Lead", TEXT), new Column("matchMethod", "Link match method", TEXT),
                new Column("confidence", "Link confidence", DECIMAL), new Column("channel", "Credited source", TEXT),
                new Column("campaign", "Credited campaign", TEXT), new Column("share", "Credit share", PERCENT),
                new Column("credit", "Credit (" + ccy + ")", MONEY));
        String sql = """
                SELECT a.model, d.source_name, d.record_id, d.close_date, d.amount_rpt, a.touch_seq, a.lead_key,
                       k.match_method, k.confidence, a.channel, a.campaign, a.credit_share, a.credit_rpt
                FROM core_attribution a
                JOIN core_deal d ON d.tenant = a.tenant AND d.source_name = a.source_name AND d.record_id = a.record_id
                LEFT JOIN core_lead_deal_link k ON k.tenant = a.tenant AND k.source_name = a.source_name
                     AND k.record_id = a.record_id AND k.lead_key = a.lead_key
                WHERE a.tenant = ? AND d.status = 'won' AND d.close_date BETWEEN ? AND ?
                UNION ALL
                SELECT m.model, d.source_name, d.record_id, d.close_date, d.amount_rpt, NULL, d.lead_key, d.match_method,
                       NULL, '(unattributed)', '(none)', 1, d.amount_rpt
                FROM core_deal d CROSS JOIN (SELECT DISTINCT model FROM core_attribution WHERE tenant = ?) m
                WHERE d.tenant = ? AND d.status = 'won' AND d.close_date BETWEEN ? AND ?
                  AND NOT EXISTS (SELECT 1 FROM core_attribution a WHERE a.tenant = d.tenant
                                  AND a.source_name = d.source_name AND a.record_id = d.record_id AND a.model = m.model)
                ORDER BY 1, 4, 2, 3, 6""";
        String tenant = ctx.tenant().id();
        return new DetailSheet("Attribution (12 mo)", cols, sink -> streaming.query(sql, rs -> {
            long touch = rs.getLong(6);
            Long touchSeq = rs.wasNull() ? null : touch;
            sink.accept(new Object[] {rs.getString(1), rs.getString(2), rs.getString(3),
                    rs.getDate(4).toLocalDate().toString(), rs.getBigDecimal(5), touchSeq,
                    rs.getString(7), rs.getString(8), rs.getBigDecimal(9), rs.getString(10), rs.getString(11),
                    rs.getBigDecimal(12), rs.getBigDecimal(13)});
        }, tenant, firstDay(ctx), lastDay(ctx), tenant, tenant, firstDay(ctx), lastDay(ctx)));
    }

    /**
     * The spend rows as loaded (file and row), mapped to source and converted as core_spend does, for the
     * months [from, to]: summed by campaign they give the spend behind cost per lead.
     */
    public DetailSheet spendRows(ReportContext ctx, YearMonth from, YearMonth to, String name) {
        String ccy = ctx.tenant().reportingCurrency();
        List<Column> cols = List.of(new Column("sourceName", "Source system", TEXT), new Column("file", "File", TEXT),
                new Column("row", "Row", INTEGER), new Column("date", "Date", TEXT), new Column("channel", "Source", TEXT),
                new Column("campaign", "Campaign", TEXT), new Column("currency", "Currency", TEXT),
                new Column("amount", "Amount", MONEY), new Column("amountRpt", "Amount (" + ccy + ")", MONEY));
        String sql = """
                SELECT s.source_name, s.source_file, s.row_num, s.spend_date, COALESCE(c.channel, s.channel_raw),
                       COALESCE(s.campaign, '(none)'), s.currency, s.amount,
                       CASE WHEN s.currency = ? THEN s.amount ELSE ROUND(s.amount * fx.to_reporting, 2) END
                FROM stg_spend s
                LEFT JOIN channel_map c ON c.tenant = s.tenant AND c.raw_value = LOWER(s.channel_raw)
                LEFT JOIN core_fx_daily fx ON fx.tenant = s.tenant AND fx.currency = s.currency AND fx.rate_date = s.spend_date
                WHERE s.tenant = ? AND s.spend_date BETWEEN ? AND ?
                ORDER BY 5, 6, s.spend_date, s.source_name, s.row_num""";
        return new DetailSheet(name, cols, sink -> streaming.query(sql, rs -> {
            sink.accept(new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3),
                    rs.getDate(4).toLocalDate().toString(), rs.getString(5), rs.getString(6), rs.getString(7),
                    rs.getBigDecimal(8), rs.getBigDecimal(9)});
        }, ccy, ctx.tenant().id(), Date.valueOf(from.atDay(1)), Date.valueOf(to.atEndOfMonth())));
    }

    /**
     * Every deal no rule could link to a lead, whatever its date, with what it carries and why it stayed
     * unmatched: won deals first, largest first. Its first two columns are those of jobs/link-overrides.csv.
     */
    public DetailSheet unmatchedDeals(ReportContext ctx) {
        String ccy = ctx.tenant().reportingCurrency();
        List<Column> cols = List.of(new Column("dealSource", "Deal system (deal_source)", TEXT),
                new Column("dealId", "Deal id (deal_id)", TEXT), new Column("name", "Deal", TEXT),
                new Column("account", "Account", TEXT), new Column("status", "Status", TEXT),
                new Column("closeDate", "Close date", TEXT), new Column("amountRpt", "Amount (" + ccy + ")", MONEY),
                new Column("email", "Contact e-mail", TEXT), new Column("leadRef", "Lead id on the deal", TEXT),
                new Column("domain", "Company domain", TEXT), new Column("reason", "Why unmatched", TEXT),
                new Column("code", "Reason code", TEXT));
        String sql = """
                SELECT u.source_name, u.record_id, d.deal_name, u.account_name, d.status, d.close_date, d.amount_rpt,
                       u.contact_email, u.lead_ref, u.domain, u.reason
                FROM core_unmatched_deal u
                JOIN core_deal d ON d.tenant = u.tenant AND d.source_name = u.source_name AND d.record_id = u.record_id
                WHERE u.tenant = ?
                ORDER BY CASE d.status WHEN 'won' THEN 1 WHEN 'open' THEN 2 ELSE 3 END, d.amount_rpt DESC,
                         u.source_name, u.record_id""";
        return new DetailSheet("Unmatched deals", cols, sink -> streaming.query(sql, rs -> {
            sink.accept(new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getDate(6).toLocalDate().toString(), rs.getBigDecimal(7), rs.getString(8), rs.getString(9),
                    rs.getString(10), UnmatchedReasons.deal(rs.getString(11)), rs.getString(11)});
        }, ctx.tenant().id()));
    }

    /** Leads the marketing tool saw as an opportunity or a customer, with no deal linked to them. */
    public DetailSheet unmatchedLeads(ReportContext ctx) {
        List<Column> cols = List.of(new Column("leadKey", "Lead (e-mail or system:id)", TEXT),
                new Column("primarySource", "Source system", TEXT), new Column("primaryRecordId", "Source record id", TEXT),
                new Column("channel", "Source", TEXT), new Column("createdAt", "Created", TEXT),
                new Column("stage", "Lifecycle stage", TEXT), new Column("reason", "Why unmatched", TEXT));
        String sql = """
                SELECT u.lead_key, l.primary_source, l.primary_record_id, l.channel, l.created_at, u.lifecycle_stage, u.reason
                FROM core_unmatched_lead u
                JOIN core_lead l ON l.tenant = u.tenant AND l.lead_key = u.lead_key
                WHERE u.tenant = ?
                ORDER BY u.reason, l.created_at, u.lead_key""";
        return new DetailSheet("Unmatched leads", cols, sink -> streaming.query(sql, rs -> {
            sink.accept(new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    text(rs.getTimestamp(5)), rs.getString(6), UnmatchedReasons.lead(rs.getString(7))});
        }, ctx.tenant().id()));
    }

    private static Date firstDay(ReportContext ctx) {
        return Date.valueOf(ctx.month().minusMonths(11).atDay(1));
    }

    private static Date lastDay(ReportContext ctx) {
        return Date.valueOf(ctx.month().atEndOfMonth());
    }

    public DetailSheet spend(ReportContext ctx) {
        List<Column> cols = List.of(new Column("month", "Month", TEXT), new Column("channel", "Source", TEXT),
                new Column("campaign", "Campaign", TEXT), new Column("currency", "Currency", TEXT),
                new Column("amount", "Amount", MONEY),
                new Column("amountRpt", "Amount (" + ctx.tenant().reportingCurrency() + ")", MONEY));
        return new DetailSheet("Spend (12 mo)", cols, sink -> streaming.query("""
                SELECT month_key, channel, campaign, currency, amount, amount_rpt FROM core_spend
                WHERE tenant = ? AND month_key BETWEEN ? AND ? ORDER BY month_key, channel, campaign, currency""", rs -> {
            long m = rs.getLong(1); // yyyymm -> "2026-10", as every other month label
            sink.accept(new Object[] {String.format("%d-%02d", m / 100, m % 100), rs.getString(2), rs.getString(3),
                    rs.getString(4), rs.getBigDecimal(5), rs.getBigDecimal(6)});
        }, ctx.tenant().id(), ctx.firstOf12(), ctx.monthKey()));
    }

    private static String text(java.sql.Timestamp t) {
        return t == null ? null : t.toLocalDateTime().toString().replace('T', ' ');
    }
}
