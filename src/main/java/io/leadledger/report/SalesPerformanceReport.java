package io.leadledger.report;

import io.leadledger.report.document.ChartSpec;
import io.leadledger.report.document.Definition;
import io.leadledger.report.document.DetailSheet;
import io.leadledger.report.document.Kpi;
import io.leadledger.report.document.ReportDocument;
import io.leadledger.report.document.ReportTable;
import io.leadledger.report.document.TableBuilder;
import io.leadledger.report.figures.CohortFigures;
import io.leadledger.report.figures.CoverageSection;
import io.leadledger.report.figures.DetailQueries;
import io.leadledger.report.figures.MartQueries;
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

import static io.leadledger.report.document.ValueType.DECIMAL;
import static io.leadledger.report.document.ValueType.INTEGER;
import static io.leadledger.report.document.ValueType.MONEY;
import static io.leadledger.report.document.ValueType.PERCENT;
import static io.leadledger.report.document.ValueType.TEXT;

/** Report 2: what sales did with the leads handed over in the trailing 12 months, by source, month and owner. */
@Component
public class SalesPerformanceReport implements MonthlyReport {

    public static final String ID = "sales-performance";
    static final String NO_OWNER = "(no owner)";
    private final MartQueries marts;
    private final DetailQueries details;

    public SalesPerformanceReport(MartQueries marts, DetailQueries details) {
        this.marts = marts;
        this.details = details;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String headlineKpi() {
        return "winRate";
    }

    @Override
    public List<DetailSheet> detailSheets(ReportContext ctx) {
        return List.of(details.leadsHanded(ctx));
    }

    /** Every lead handed over in two years, in its figures and in its detail sheet. */
    @Override
    public boolean readsMost() {
        return true;
    }

    @Override
    public ReportDocument build(ReportContext ctx) {
        String tenant = ctx.tenant().id();
        int first = ctx.firstOf12();
        int last = ctx.monthKey();
        int prevFirst = ReportContext.key(ctx.month().minusMonths(12));
        int prevLast = ReportContext.key(ctx.month().minusMonths(1));
        Map<String, CohortFigures> bySource = new TreeMap<>();
        Map<Integer, CohortFigures> byMonth = new TreeMap<>();
        Map<String, CohortFigures> byOwner = new TreeMap<>();
        Map<String, CohortFigures> byDealOwner = new TreeMap<>();
        boolean noTouch = !ctx.touchMeasured();
        CohortFigures total = new CohortFigures();
        CohortFigures previous = new CohortFigures();
        marts.streaming().query("""
                SELECT handed_month, channel, owner_name, deal_owner_name, funnel_status, outcome, won_amount_rpt, handed_at,
                       first_touch_at, created_at, deal_close_date, deal_record_id
                FROM mart_lead %s WHERE tenant = ? AND handed_month BETWEEN ? AND ?""".formatted(marts.wholeTable()), rs -> {
            int month = rs.getInt("handed_month");
            String status = rs.getString("funnel_status");
            // without a first-activity date "never touched" is not measured: such a lead is pending
            String outcome = noTouch && "never_touched".equals(rs.getString("outcome")) ? "pending" : rs.getString("outcome");
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
                byOwner.computeIfAbsent(owner == null ? NO_OWNER : owner, k -> new CohortFigures())
                        .add(status, outcome, won, speed, days);
                // a deal's outcome is the work of the deal's owner, not of whoever owned the lead
                if (rs.getString("deal_record_id") != null) {
                    String dealOwner = rs.getString("deal_owner_name");
                    byDealOwner.computeIfAbsent(dealOwner == null ? NO_OWNER : dealOwner, k -> new CohortFigures())
                            .add(status, outcome, won, speed, days);
                }
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
                .col("revenueWon", "Revenue won", MONEY).col("revenuePerLead", "Revenue per lead", MONEY)
                .without(noTouch, "neverTouched", "medianSpeedToLeadHours");
        bySource.forEach((channel, f) -> sourceRow(s.row(), f).put("channel", channel));
        sourceRow(s.totals(), total).put("channel", "Total");
        tables.put("by-source", s.build());

        TableBuilder c = new TableBuilder("cohorts", "Monthly hand-over cohorts").col("cohortMonth", "Handed in", TEXT)
                .col("handed", "Handed", INTEGER).col("accepted", "Accepted", INTEGER).col("rejected", "Rejected", INTEGER)
                .col("neverTouched", "Never touched", INTEGER).col("won", "Won", INTEGER).col("lost", "Lost", INTEGER)
                .col("openOpportunity", "Open opportunity", INTEGER).col("revenueWon", "Revenue won", MONEY)
                .col("leadToWonRate", "Lead-to-won", PERCENT).without(noTouch, "neverTouched");
        // no hand-off dates: no cohorts at all, rather than twelve months of zeros
        for (int i = 11; i >= 0 && ctx.coverage().handoff(); i--) {
            YearMonth ym = ctx.month().minusMonths(i);
            if (!ctx.comparable(ym)) {
                continue;
            }
            CohortFigures f = byMonth.getOrDefault(ReportContext.key(ym), new CohortFigures());
            cohortRow(c.row(), f).put("cohortMonth", ym.toString());
        }
        cohortRow(c.totals(), total).put("cohortMonth", "Total");
        tables.put("cohorts", c.build());

        // personal names: the XLSX lists them for sales managers, the executive PDF never prints this table
        // hand-over figures by the lead's owner, deal outcomes by the deal's owner (see Definitions)
        TableBuilder o = new TableBuilder("by-owner", "By sales owner").col("owner", "Owner", TEXT)
                .col("handed", "Handed (lead owner)", INTEGER).col("accepted", "Accepted (lead owner)", INTEGER)
                .col("rejected", "Rejected (lead owner)", INTEGER).col("neverTouched", "Never touched (lead owner)", INTEGER)
                .col("medianSpeedToLeadHours", "Median speed-to-lead (h, lead owner)", DECIMAL)
                .col("won", "Won (deal owner)", INTEGER).col("lost", "Lost (deal owner)", INTEGER)
                .col("winRate", "Win rate (deal owner)", PERCENT).col("revenueWon", "Revenue won (deal owner)", MONEY)
                .without(noTouch, "neverTouched", "medianSpeedToLeadHours");
        java.util.TreeSet<String> owners = new java.util.TreeSet<>(byOwner.keySet());
        owners.addAll(byDealOwner.keySet());
        CohortFigures ownedDeals = new CohortFigures();
        for (String owner : owners) {
            ownerRow(o.row(), byOwner.getOrDefault(owner, new CohortFigures()),
                    byDealOwner.getOrDefault(owner, new CohortFigures())).put("owner", owner);
        }
        byDealOwner.values().forEach(ownedDeals::addOutcomes);
        ownerRow(o.totals(), total, ownedDeals).put("owner", "Total");
        tables.put("by-owner", o.build());

        TableBuilder dq = new TableBuilder("data-quality", "Missing sales feedback and data problems")
                .col("check", "Check", TEXT).col("count", "Count", INTEGER);
        if (noTouch) {
            Map<String, Object> r = dq.row();
            r.put("check", "Handed leads with no sales activity: not measured (no source supplies a first sales activity date)");
            r.put("count", null);
        } else {
            dq.row().putAll(Map.of("check", "Handed leads with no sales activity after "
                    + ctx.tenant().neverTouchedAfterDays() + " days (last 12 months)", "count", total.neverTouched));
        }
        Map<String, Object> deals = marts.jdbc().queryForMap("""
                SELECT SUM(CASE WHEN lead_key IS NULL THEN 1 ELSE 0 END) AS no_lead,
                       SUM(CASE WHEN inconsistent = 1 THEN 1 ELSE 0 END) AS inconsistent
                FROM core_deal WHERE tenant = ?""", tenant);
        dq.row().putAll(Map.of("check", "Deals with no linked lead", "count", count(deals.get("no_lead"))));
        dq.row().putAll(Map.of("check", "Deals closed before their lead was created (excluded from revenue credit)",
                "count", count(deals.get("inconsistent"))));
        tables.put("data-quality", dq.build());

        // the previous 12 months are compared with only when the data covers all of them
        CohortFigures prev = ctx.comparable(ctx.month().minusMonths(12)) ? previous : null;
        List<Kpi> kpis = !ctx.coverage().handoff() ? List.of() : List.of(
                new Kpi("handed", "Leads handed (12 mo)", BigDecimal.valueOf(total.handed), prev == null ? null : BigDecimal.valueOf(prev.handed), INTEGER),
                new Kpi("accepted", "Accepted by sales", BigDecimal.valueOf(total.accepted), prev == null ? null : BigDecimal.valueOf(prev.accepted), INTEGER),
                new Kpi("won", "Won", BigDecimal.valueOf(total.won), prev == null ? null : BigDecimal.valueOf(prev.won), INTEGER),
                new Kpi("winRate", "Win rate", total.winRate(), prev == null ? null : prev.winRate(), PERCENT),
                new Kpi("revenueWon", "Revenue won", total.revenue, prev == null ? null : prev.revenue, MONEY));
        List<String> notes = new ArrayList<>();
        if (!ctx.coverage().handoff()) {
            notes.add("Hand-off dates not supplied: no lead source gives the date a lead was handed to sales "
                    + "(marketing-qualified), so there are no hand-over cohorts and this report's figures are not measured, "
                    + "not zero. If every lead goes to sales when created, set handedAt: createdAt on the lead source "
                    + "(jobs/nightly-sync.yml).");
        }
        if (noTouch) {
            notes.add(CoverageSection.touchNote(ctx.tenant().neverTouchedAfterDays()));
        }
        if (!ctx.coverage().amounts()) {
            notes.add("Deal amounts not supplied (every amount is 0): revenue won and revenue per lead are not measured.");
        }
        if (!ctx.coverage().dealOwner()) {
            notes.add("Deal owner not supplied: won and lost deals by owner appear under " + NO_OWNER + ".");
        }
        CoverageSection.notes(tables, notes);
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

    /** Hand-over figures of the leads an owner owns, outcomes of the deals the owner owns. */
    private static Map<String, Object> ownerRow(Map<String, Object> r, CohortFigures leads, CohortFigures deals) {
        r.put("handed", leads.handed);
        r.put("accepted", leads.accepted);
        r.put("rejected", leads.rejected);
        r.put("neverTouched", leads.neverTouched);
        r.put("medianSpeedToLeadHours", CohortFigures.median(leads.speedHours));
        r.put("won", deals.won);
        r.put("lost", deals.lost);
        r.put("winRate", deals.winRate());
        r.put("revenueWon", deals.revenue);
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
                new Definition("Revenue per lead", "Revenue won ÷ handed leads."),
                new Definition("By sales owner", "Handed, accepted, rejected, never touched and speed-to-lead count the "
                        + "leads each person owns (the lead's owner); won, lost, win rate and revenue count the deals each "
                        + "person owns (the deal's owner, the rep who worked it)."));
    }
}
