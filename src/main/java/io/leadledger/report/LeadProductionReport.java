package io.leadledger.report;

import io.leadledger.report.document.ChartSpec;
import io.leadledger.report.document.Definition;
import io.leadledger.report.document.DetailSheet;
import io.leadledger.report.document.Kpi;
import io.leadledger.report.document.ReportDocument;
import io.leadledger.report.document.ReportTable;
import io.leadledger.report.document.TableBuilder;
import io.leadledger.report.figures.ChannelFigures;
import io.leadledger.report.figures.CoverageSection;
import io.leadledger.report.figures.DetailQueries;
import io.leadledger.report.figures.MartQueries;
import io.leadledger.report.figures.Ratios;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.leadledger.report.document.ValueType.INTEGER;
import static io.leadledger.report.document.ValueType.MONEY;
import static io.leadledger.report.document.ValueType.PERCENT;
import static io.leadledger.report.document.ValueType.TEXT;

/** Report 1: which sources and campaigns produce leads, at what cost, and what sales makes of them. */
@Component
public class LeadProductionReport implements MonthlyReport {

    public static final String ID = "lead-production";
    private final MartQueries marts;
    private final DetailQueries details;

    public LeadProductionReport(MartQueries marts, DetailQueries details) {
        this.marts = marts;
        this.details = details;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String headlineKpi() {
        return "leads";
    }

    @Override
    public List<DetailSheet> detailSheets(ReportContext ctx) {
        return List.of(details.leadsCreated(ctx), details.spendRows(ctx, ctx.month(), ctx.month(), "Spend rows (month)"),
                details.spend(ctx));
    }

    @Override
    public ReportDocument build(ReportContext ctx) {
        String tenant = ctx.tenant().id();
        int m = ctx.monthKey();
        int prev = ReportContext.key(ctx.month().minusMonths(1));
        Map<String, ReportTable> tables = new LinkedHashMap<>();

        boolean noSpend = !ctx.spend();
        boolean noTouch = !ctx.touchMeasured();
        Map<String, ChannelFigures> bySource = ChannelFigures.measured(marts.sum(tenant, m, m, MartQueries.Row::channel), ctx);
        TableBuilder t = columns(new TableBuilder("by-source", "Leads by source").col("channel", "Source", TEXT))
                .without(noSpend, "spend", "cpl").without(noTouch, "neverTouched");
        ChannelFigures total = new ChannelFigures();
        bySource.forEach((channel, f) -> {
            if (f.hasLeadActivity()) {
                fill(t.row(), f).put("channel", channel);
                total.add(f);
            }
        });
        fill(t.totals(), total).put("channel", "Total");
        tables.put("by-source", t.build());

        Map<String, ChannelFigures> byCampaign = ChannelFigures.measured(
                marts.sum(tenant, m, m, r -> r.channel() + "\u0000" + r.campaign()), ctx);
        TableBuilder c = new TableBuilder("by-campaign", "Leads by campaign").groupBy("channel")
                .col("channel", "Source", TEXT).col("campaign", "Campaign", TEXT).col("leads", "New leads", INTEGER)
                .col("spend", "Spend", MONEY).col("cpl", "Cost per lead", MONEY).col("handed", "Handed to sales", INTEGER)
                .col("accepted", "Accepted", INTEGER).col("acceptanceRate", "Acceptance rate", PERCENT)
                .without(noSpend, "spend", "cpl");
        byCampaign.forEach((k, f) -> {
            if (f.hasLeadActivity()) {
                String[] parts = k.split("\u0000", 2);
                Map<String, Object> r = c.row();
                r.put("channel", parts[0]);
                r.put("campaign", parts[1]);
                campaignFigures(r, f);
                // the source's subtotal is its by-source row: the same mart rows, summed by source
                campaignFigures(c.subtotal(parts[0]), bySource.get(parts[0])).put("campaign", "");
            }
        });
        Map<String, Object> ct = c.totals();
        ct.put("channel", "Total");
        ct.put("campaign", "");
        campaignFigures(ct, total);
        tables.put("by-campaign", c.build());

        TableBuilder trend = new TableBuilder("trend", "12-month trend").col("month", "Month", TEXT)
                .col("leads", "New leads", INTEGER).col("spend", "Spend", MONEY).col("cpl", "Cost per lead", MONEY)
                .col("acceptanceRate", "Acceptance rate", PERCENT).without(noSpend, "spend", "cpl");
        Map<String, ChannelFigures> byMonth = ChannelFigures.measured(
                marts.sum(tenant, ctx.firstOf12(), m, r -> Integer.toString(r.month())), ctx);
        for (int i = 11; i >= 0; i--) {
            YearMonth ym = ctx.month().minusMonths(i);
            if (!ctx.comparable(ym)) {
                continue; // before the data begins: no figures, not zeros
            }
            ChannelFigures f = byMonth.getOrDefault(Integer.toString(ReportContext.key(ym)), new ChannelFigures());
            Map<String, Object> r = trend.row();
            r.put("month", ym.toString());
            r.put("leads", f.leads);
            r.put("spend", f.spend);
            r.put("cpl", f.cpl());
            r.put("acceptanceRate", f.acceptanceRate());
        }
        tables.put("trend", trend.build());

        TableBuilder reasons = new TableBuilder("rejection-reasons", "Why sales rejected leads handed over this month")
                .col("reason", "Reason", TEXT).col("leads", "Leads", INTEGER);
        marts.jdbc().query("""
                SELECT COALESCE(rejection_reason, '(no reason given)') AS reason, COUNT(*) AS n FROM mart_lead
                WHERE tenant = ? AND handed_month = ? AND funnel_status = 'rejected'
                GROUP BY COALESCE(rejection_reason, '(no reason given)') ORDER BY n DESC, reason""", rs -> {
            Map<String, Object> r = reasons.row();
            r.put("reason", rs.getString("reason"));
            r.put("leads", rs.getLong("n"));
        }, tenant, m);
        tables.put("rejection-reasons", reasons.build());
        tables.put("rejection-reasons-by-source", reasonsBySource(tenant, m));

        // the month before the data begins has no figures to compare with: its tiles show no change
        boolean comparable = ctx.comparable(ctx.month().minusMonths(1));
        ChannelFigures before = ChannelFigures.measured(marts.total(tenant, prev, prev), ctx);
        List<Kpi> kpis = new ArrayList<>();
        kpis.add(new Kpi("leads", "New leads", BigDecimal.valueOf(total.leads), comparable ? BigDecimal.valueOf(before.leads) : null, INTEGER));
        if (!noSpend) {
            kpis.add(new Kpi("spend", "Spend", total.spend, comparable ? before.spend : null, MONEY));
            kpis.add(new Kpi("cpl", "Cost per lead", total.cpl(), comparable ? before.cpl() : null, MONEY));
        }
        kpis.add(new Kpi("handed", "Handed to sales", BigDecimal.valueOf(total.handed), comparable ? BigDecimal.valueOf(before.handed) : null, INTEGER));
        kpis.add(new Kpi("acceptanceRate", "Acceptance rate", total.acceptanceRate(), comparable ? before.acceptanceRate() : null, PERCENT));

        List<ChartSpec> charts = new ArrayList<>();
        charts.add(new ChartSpec("New leads per month", "trend", "month", ChartSpec.Kind.BAR, List.of("leads")));
        if (!noSpend) {
            charts.add(new ChartSpec("Cost per lead", "trend", "month", ChartSpec.Kind.LINE, List.of("cpl")));
        }
        charts.add(new ChartSpec("Acceptance rate", "trend", "month", ChartSpec.Kind.LINE, List.of("acceptanceRate")));
        List<String> notes = new ArrayList<>();
        if (noSpend) {
            notes.add(CoverageSection.spendNote("spend and cost per lead"));
        }
        if (noTouch) {
            notes.add(CoverageSection.touchNote(ctx.tenant().neverTouchedAfterDays()));
        }
        CoverageSection.notes(tables, notes);
        return new ReportDocument(ID, "Lead production", ctx.tenant().name(), ctx.month(), ctx.tenant().reportingCurrency(),
                ctx.generatedAt(), kpis, tables, definitions(ctx), List.of(), List.copyOf(charts));
    }

    /** Rejection reasons of the leads handed in the month, grouped under their source. */
    private ReportTable reasonsBySource(String tenant, int month) {
        TableBuilder t = new TableBuilder("rejection-reasons-by-source", "Rejection reasons by source").groupBy("channel")
                .col("channel", "Source", TEXT).col("reason", "Reason", TEXT).col("leads", "Leads", INTEGER)
                .col("share", "Share of the source's rejections", PERCENT);
        List<Object[]> rows = new ArrayList<>();
        Map<String, Long> perSource = new LinkedHashMap<>();
        marts.jdbc().query("""
                SELECT channel, COALESCE(rejection_reason, '(no reason given)') AS reason, COUNT(*) AS n FROM mart_lead
                WHERE tenant = ? AND handed_month = ? AND funnel_status = 'rejected'
                GROUP BY channel, COALESCE(rejection_reason, '(no reason given)') ORDER BY channel, n DESC, reason""", rs -> {
            rows.add(new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3)});
            perSource.merge(rs.getString(1), rs.getLong(3), Long::sum);
        }, tenant, month);
        long total = 0;
        for (Object[] v : rows) {
            Map<String, Object> r = t.row();
            r.put("channel", v[0]);
            r.put("reason", v[1]);
            r.put("leads", v[2]);
            r.put("share", Ratios.percent((Long) v[2], perSource.get((String) v[0])));
            Map<String, Object> sub = t.subtotal((String) v[0]);
            sub.put("reason", "");
            sub.put("leads", perSource.get((String) v[0]));
            sub.put("share", Ratios.percent(1, 1));
            total += (Long) v[2];
        }
        Map<String, Object> tot = t.totals();
        tot.put("channel", "Total");
        tot.put("reason", "");
        tot.put("leads", total);
        tot.put("share", null);
        return t.build();
    }

    private static TableBuilder columns(TableBuilder t) {
        return t.col("leads", "New leads", INTEGER).col("spend", "Spend", MONEY).col("cpl", "Cost per lead", MONEY)
                .col("handed", "Handed to sales", INTEGER).col("accepted", "Accepted", INTEGER)
                .col("rejected", "Rejected", INTEGER).col("neverTouched", "Never touched", INTEGER)
                .col("pending", "Pending", INTEGER).col("acceptanceRate", "Acceptance rate", PERCENT);
    }

    private static Map<String, Object> fill(Map<String, Object> r, ChannelFigures f) {
        r.put("leads", f.leads);
        r.put("spend", f.spend);
        r.put("cpl", f.cpl());
        r.put("handed", f.handed);
        r.put("accepted", f.accepted);
        r.put("rejected", f.rejected);
        r.put("neverTouched", f.neverTouched);
        r.put("pending", f.pending);
        r.put("acceptanceRate", f.acceptanceRate());
        return r;
    }

    private static Map<String, Object> campaignFigures(Map<String, Object> r, ChannelFigures f) {
        r.put("leads", f.leads);
        r.put("spend", f.spend);
        r.put("cpl", f.cpl());
        r.put("handed", f.handed);
        r.put("accepted", f.accepted);
        r.put("acceptanceRate", f.acceptanceRate());
        return r;
    }

    private static List<Definition> definitions(ReportContext ctx) {
        int days = ctx.tenant().neverTouchedAfterDays();
        List<Definition> d = new ArrayList<>(List.of(
                new Definition("Report month", ctx.month() + ", calendar month in " + ctx.tenant().timezone() + "."),
                new Definition("New leads", "Leads (people, merged across marketing tools by e-mail) first created in the month; "
                        + "source and campaign are those of the earliest record (first touch).")));
        if (ctx.spend()) {
            d.add(Definition.spend("month", ctx.tenant().reportingCurrency()));
            d.add(new Definition("Cost per lead", "Spend ÷ new leads."));
        } else if (ctx.touchMeasured()) {
            d.add(new Definition("Spend", "Not supplied: no spend export, so cost per lead is not shown."));
        }
        d.add(new Definition("Handed to sales", "Leads that became marketing-qualified (handed to sales) in the month."));
        d.add(new Definition("Accepted", "Handed leads sales accepted (sales-qualified) or turned into an opportunity."));
        d.add(new Definition("Rejected", "Handed leads sales disqualified, with the reason sales gave."));
        if (ctx.touchMeasured()) {
            d.add(new Definition("Never touched", "Handed leads with no sales activity and no status " + days + " days after hand-over."));
            d.add(new Definition("Pending", "Handed leads still being worked, or handed less than " + days + " days ago."));
            d.add(new Definition("Acceptance rate", "Accepted ÷ (accepted + rejected + never touched)."));
        } else {
            d.add(new Definition("Never touched", "Not measured: no source supplied the date of the first sales activity."));
            d.add(new Definition("Pending", "Handed leads sales neither accepted nor rejected (yet)."));
            d.add(new Definition("Acceptance rate", "Accepted ÷ (accepted + rejected)."));
        }
        return List.copyOf(d);
    }
}
