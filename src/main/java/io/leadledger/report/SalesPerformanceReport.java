package io.leadledger.report;

import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.leadledger.report.ValueType.DECIMAL;
import static io.leadledger.report.ValueType.INTEGER;
import static io.leadledger.report.ValueType.MONEY;
import static io.leadledger.report.ValueType.PERCENT;
import static io.leadledger.report.ValueType.TEXT;

/** Report 2: what sales did with the leads handed over in the trailing 12 months, by source, month and owner. */
@Component
public class SalesPerformanceReport {

    public static final String ID = "sales-performance";
    private final MartQueries marts;

    public SalesPerformanceReport(MartQueries marts) {
        this.marts = marts;
    }

    /** The report's own tables; {@link ReportService} appends the month's shared sections (insights, appendix). */
    public ReportDocument build(ReportContext ctx) {
        String tenant = ctx.tenant().id();
        int first = ctx.firstOf12();
        int last = ctx.monthKey();
        int prevFirst = ReportContext.key(ctx.month().minusMonths(12));
        int prevLast = ReportContext.key(ctx.month().minusMonths(1));
        Map<String, CohortFigures> bySource = new TreeMap<>();
        Map<Integer, CohortFigures> byMonth = new TreeMap<>();
        Map<String, CohortFigures> byOwner = new TreeMap<>();
        CohortFigures total = new CohortFigures();
        CohortFigures previous = new CohortFigures();
        marts.streaming().query("""
                SELECT handed_month, channel, owner_name, funnel_status, outcome, won_amount_rpt, handed_at,
                       first_touch_at, created_at, deal_close_date
                FROM mart_lead %s WHERE tenant = ? AND handed_month BETWEEN ? AND ?""".formatted(marts.wholeTable()), rs -> {
            int month = rs.getInt("handed_month");
            String status = rs.getString("funnel_status");
            String outcome = rs.getString("outcome");
            BigDecimal won = rs.getBigDecimal("won_amount_rpt");
            LocalDateTime handed = rs.getTimestamp("handed_at").toLocalDateTime();
            Timestamp touch = rs.getTimestamp("first_touch_at");
            Double speed = touch == null || touch.toLocalDateTime().isBefore(handed) ? null
                    : Duration.between(handed, touch.toLocalDateTime()).toMinutes() / 60.0;
            java.sql.Date close = rs.getDate("deal_close_date");
            Double days = !"won".equals(outcome) || close == null ? null
                    : (double) Duration.between(rs.getTimestamp("created_at").toLocalDateTime().toLocalDate().atStartOfDay(),
                    close.toLocalDate().atStartOfDay()).toDays();
            if (month >= first) {
                total.add(status, outcome, won, speed, days);
                bySource.computeIfAbsent(rs.getString("channel"), k -> new CohortFigures()).add(status, outcome, won, speed, days);
                byMonth.computeIfAbsent(month, k -> new CohortFigures()).add(status, outcome, won, speed, days);
                String owner = rs.getString("owner_name");
                byOwner.computeIfAbsent(owner == null ? "(no owner)" : owner, k -> new CohortFigures())
                        .add(status, outcome, won, speed, days);
            }
            if (month >= prevFirst && month <= prevLast) {
                previous.add(status, outcome, won, speed, days);
            }
        }, tenant, prevFirst, last);

        Map<String, ReportTable> tables = new LinkedHashMap<>();
        TableBuilder s = outcomeColumns(new TableBuilder("by-source", "Leads handed in the last 12 months, by source")
                .col("channel", "Source", TEXT))
                .col("leadToWonRate", "Lead-to-won", PERCENT).col("winRate", "Win rate", PERCENT)
                .col("medianSpeedToLeadHours", "Median speed-to-lead (h)", DECIMAL)
                .col("medianDaysToClose", "Median days to close", DECIMAL)
                .col("revenueWon", "Revenue won", MONEY).col("revenuePerLead", "Revenue per lead", MONEY);
        bySource.forEach((channel, f) -> sourceRow(s.row(), f).put("channel", channel));
        sourceRow(s.totals(), total).put("channel", "Total");
        tables.put("by-source", s.build());

        TableBuilder c = new TableBuilder("cohorts", "Monthly hand-over cohorts").col("cohortMonth", "Handed in", TEXT)
                .col("handed", "Handed", INTEGER).col("accepted", "Accepted", INTEGER).col("rejected", "Rejected", INTEGER)
                .col("neverTouched", "Never touched", INTEGER).col("won", "Won", INTEGER).col("lost", "Lost", INTEGER)
                .col("openOpportunity", "Open opportunity", INTEGER).col("revenueWon", "Revenue won", MONEY)
                .col("leadToWonRate", "Lead-to-won", PERCENT);
        for (int i = 11; i >= 0; i--) {
            YearMonth ym = ctx.month().minusMonths(i);
            CohortFigures f = byMonth.getOrDefault(ReportContext.key(ym), new CohortFigures());
            cohortRow(c.row(), f).put("cohortMonth", ym.toString());
        }
        cohortRow(c.totals(), total).put("cohortMonth", "Total");
        tables.put("cohorts", c.build());

        // personal names: the XLSX lists them for sales managers, the executive PDF never prints this table
        TableBuilder o = new TableBuilder("by-owner", "By sales owner").col("owner", "Owner", TEXT)
                .col("handed", "Handed", INTEGER).col("accepted", "Accepted", INTEGER).col("rejected", "Rejected", INTEGER)
                .col("neverTouched", "Never touched", INTEGER).col("won", "Won", INTEGER).col("lost", "Lost", INTEGER)
                .col("winRate", "Win rate", PERCENT).col("leadToWonRate", "Lead-to-won", PERCENT)
                .col("medianSpeedToLeadHours", "Median speed-to-lead (h)", DECIMAL)
                .col("revenueWon", "Revenue won", MONEY);
        byOwner.forEach((owner, f) -> ownerRow(o.row(), f).put("owner", owner));
        ownerRow(o.totals(), total).put("owner", "Total");
        tables.put("by-owner", o.build());

        TableBuilder dq = new TableBuilder("data-quality", "Missing sales feedback and data problems")
                .col("check", "Check", TEXT).col("count", "Count", INTEGER);
        dq.row().putAll(Map.of("check", "Handed leads with no sales activity after "
                + ctx.tenant().neverTouchedAfterDays() + " days (last 12 months)", "count", total.neverTouched));
        Map<String, Object> deals = marts.jdbc().queryForMap("""
                SELECT SUM(CASE WHEN lead_key IS NULL THEN 1 ELSE 0 END) AS no_lead,
                       SUM(CASE WHEN inconsistent = 1 THEN 1 ELSE 0 END) AS inconsistent
                FROM core_deal WHERE tenant = ?""", tenant);
        dq.row().putAll(Map.of("check", "Deals with no linked lead", "count", count(deals.get("no_lead"))));
        dq.row().putAll(Map.of("check", "Deals closed before their lead was created (excluded from revenue credit)",
                "count", count(deals.get("inconsistent"))));
        tables.put("data-quality", dq.build());

        List<Kpi> kpis = List.of(
                new Kpi("handed", "Leads handed (12 mo)", BigDecimal.valueOf(total.handed), BigDecimal.valueOf(previous.handed), INTEGER),
                new Kpi("accepted", "Accepted by sales", BigDecimal.valueOf(total.accepted), BigDecimal.valueOf(previous.accepted), INTEGER),
                new Kpi("won", "Won", BigDecimal.valueOf(total.won), BigDecimal.valueOf(previous.won), INTEGER),
                new Kpi("winRate", "Win rate", total.winRate(), previous.winRate(), PERCENT),
                new Kpi("revenueWon", "Revenue won", total.revenue, previous.revenue, MONEY));
        List<ChartSpec> charts = List.of(
                new ChartSpec("Hand-over cohorts: handed, accepted, won", "cohorts", "cohortMonth", ChartSpec.Kind.BAR,
                        List.of("handed", "accepted", "won")),
                new ChartSpec("Revenue won by hand-over cohort", "cohorts", "cohortMonth", ChartSpec.Kind.BAR,
                        List.of("revenueWon")),
                new ChartSpec("Lead-to-won by hand-over cohort", "cohorts", "cohortMonth", ChartSpec.Kind.LINE,
                        List.of("leadToWonRate")));
        return new ReportDocument(ID, "Sales performance against leads", ctx.tenant().name(), ctx.month(),
                ctx.tenant().reportingCurrency(), ctx.generatedAt(), kpis, tables, definitions(ctx), List.of(), charts);
    }

    /** A SUM of 0/1 over the deals: NULL when there are none. */
    private static long count(Object n) {
        return n == null ? 0 : ((Number) n).longValue();
    }

    private static TableBuilder outcomeColumns(TableBuilder t) {
        return t.col("handed", "Handed", INTEGER).col("accepted", "Accepted", INTEGER).col("rejected", "Rejected", INTEGER)
                .col("neverTouched", "Never touched", INTEGER).col("noOpportunity", "No opportunity yet", INTEGER)
                .col("openOpportunity", "Open opportunity", INTEGER).col("won", "Won", INTEGER).col("lost", "Lost", INTEGER);
    }

    private static Map<String, Object> sourceRow(Map<String, Object> r, CohortFigures f) {
        r.put("handed", f.handed);
        r.put("accepted", f.accepted);
        r.put("rejected", f.rejected);
        r.put("neverTouched", f.neverTouched);
        r.put("noOpportunity", f.noOpportunity);
        r.put("openOpportunity", f.open);
        r.put("won", f.won);
        r.put("lost", f.lost);
        r.put("leadToWonRate", f.leadToWon());
        r.put("winRate", f.winRate());
        r.put("medianSpeedToLeadHours", CohortFigures.median(f.speedHours));
        r.put("medianDaysToClose", CohortFigures.median(f.daysToClose));
        r.put("revenueWon", f.revenue);
        r.put("revenuePerLead", f.revenuePerLead());
        return r;
    }

    private static Map<String, Object> ownerRow(Map<String, Object> r, CohortFigures f) {
        r.put("handed", f.handed);
        r.put("accepted", f.accepted);
        r.put("rejected", f.rejected);
        r.put("neverTouched", f.neverTouched);
        r.put("won", f.won);
        r.put("lost", f.lost);
        r.put("winRate", f.winRate());
        r.put("leadToWonRate", f.leadToWon());
        r.put("medianSpeedToLeadHours", CohortFigures.median(f.speedHours));
        r.put("revenueWon", f.revenue);
        return r;
    }

    private static Map<String, Object> cohortRow(Map<String, Object> r, CohortFigures f) {
        r.put("handed", f.handed);
        r.put("accepted", f.accepted);
        r.put("rejected", f.rejected);
        r.put("neverTouched", f.neverTouched);
        r.put("won", f.won);
        r.put("lost", f.lost);
        r.put("openOpportunity", f.open);
        r.put("revenueWon", f.revenue);
        r.put("leadToWonRate", f.leadToWon());
        return r;
    }

    private static List<Definition> definitions(ReportContext ctx) {
        return List.of(
                new Definition("Cohort", "Leads handed to sales (marketing-qualified) in a month; the report covers the 12 months "
                        + "ending " + ctx.month() + ". Outcomes are as of the last nightly sync."),
                new Definition("Outcome", "Each handed lead has exactly one: won, lost, open opportunity, no opportunity yet "
                        + "(accepted, no deal), rejected, never touched, or pending (being worked / handed recently)."),
                new Definition("Accepted", "Sales accepted the lead (sales-qualified) or opened a deal for it."),
                new Definition("Lead-to-won", "Won ÷ handed."),
                new Definition("Win rate", "Won ÷ (won + lost)."),
                new Definition("Speed-to-lead", "Hours from hand-over to the first sales activity; median over leads that had one."),
                new Definition("Days to close", "Days from the lead's creation to the close of its won deal; median."),
                new Definition("Revenue won", "Amount of won deals linked to the leads, in " + ctx.tenant().reportingCurrency()
                        + " at the ECB rate of the close date."),
                new Definition("Revenue per lead", "Revenue won ÷ handed leads."));
    }
}
