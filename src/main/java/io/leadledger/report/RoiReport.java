package io.leadledger.report;

import io.leadledger.report.document.ChartSpec;
import io.leadledger.report.document.Definition;
import io.leadledger.report.document.DetailSheet;
import io.leadledger.report.document.Kpi;
import io.leadledger.report.document.ReportDocument;
import io.leadledger.report.document.ReportTable;
import io.leadledger.report.document.TableBuilder;
import io.leadledger.report.figures.AttributionModels;
import io.leadledger.report.figures.ChannelFigures;
import io.leadledger.report.figures.CoverageSection;
import io.leadledger.report.figures.DetailQueries;
import io.leadledger.report.figures.MartQueries;
import io.leadledger.report.figures.ModelComparison;
import io.leadledger.report.figures.Ratios;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static io.leadledger.report.document.ValueType.DECIMAL;
import static io.leadledger.report.document.ValueType.INTEGER;
import static io.leadledger.report.document.ValueType.MONEY;
import static io.leadledger.report.document.ValueType.PERCENT;
import static io.leadledger.report.document.ValueType.TEXT;

/** Report 3: revenue by lead source against spend, for the month, the trailing 12 months and by lead cohort. */
@Component
public class RoiReport implements MonthlyReport {

    public static final String ID = "roi";
    static final int COHORT_MONTHS = 18;
    private final MartQueries marts;
    private final ModelComparison models;
    private final DetailQueries details;

    public RoiReport(MartQueries marts, ModelComparison models, DetailQueries details) {
        this.marts = marts;
        this.models = models;
        this.details = details;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String headlineKpi() {
        return "roi12";
    }

    @Override
    public List<DetailSheet> detailSheets(ReportContext ctx) {
        return List.of(details.dealsWon(ctx), details.attribution(ctx), details.spend(ctx),
                details.spendRows(ctx, ctx.month().minusMonths(11), ctx.month(), "Spend rows (12 mo)"));
    }

    @Override
    public ReportDocument build(ReportContext ctx) {
        String tenant = ctx.tenant().id();
        int m = ctx.monthKey();
        YearMonth pm = ctx.month().minusMonths(1);
        Map<String, ChannelFigures> month = marts.sum(tenant, m, m, MartQueries.Row::channel);
        Map<String, ChannelFigures> year = marts.sum(tenant, ctx.firstOf12(), m, MartQueries.Row::channel);
        TreeSet<String> channels = new TreeSet<>(year.keySet());
        channels.addAll(month.keySet());

        boolean noSpend = !ctx.spend();
        TableBuilder t = new TableBuilder("by-source", "Return by source").col("channel", "Source", TEXT)
                .col("spendMonth", "Spend (month)", MONEY).col("revenueMonth", "Revenue (month)", MONEY)
                .col("roiMonth", "ROI (month)", PERCENT).col("spend12", "Spend (12 mo)", MONEY)
                .col("revenue12", "Revenue (12 mo)", MONEY).col("roi12", "ROI (12 mo)", PERCENT)
                .col("roas12", "ROAS (12 mo)", DECIMAL).col("customers12", "Customers (12 mo)", DECIMAL)
                .col("cac12", "CAC (12 mo)", MONEY).col("pipeline12", "Pipeline created (12 mo)", MONEY)
                .without(noSpend, "spendMonth", "roiMonth", "spend12", "roi12", "roas12", "cac12");
        for (String ch : channels) {
            ChannelFigures fm = month.getOrDefault(ch, new ChannelFigures());
            ChannelFigures fy = year.getOrDefault(ch, new ChannelFigures());
            // a source is a row when any of its figures is not zero: customers won on deals of amount 0 count too
            if (!fm.anyReturn() && !fy.anyReturn()) {
                continue;
            }
            roiRow(t.row(), fm, fy).put("channel", ch);
        }
        // the totals are the facts of all sources, never the sum of the rows kept
        ChannelFigures totalMonth = new ChannelFigures();
        month.values().forEach(totalMonth::add);
        ChannelFigures totalYear = new ChannelFigures();
        year.values().forEach(totalYear::add);
        roiRow(t.totals(), totalMonth, totalYear).put("channel", "Total");

        // cohorts: spend of each lead-creation month against revenue to date from that month's leads
        int firstCohort = ReportContext.key(ctx.month().minusMonths(COHORT_MONTHS - 1));
        Map<String, ChannelFigures> spendByMonth = marts.sum(tenant, firstCohort, m, r -> Integer.toString(r.month()));
        Map<String, MartQueries.WonCohort> wonByMonth = marts.wonCohorts(tenant, firstCohort, m, r -> Integer.toString(r.month()));
        TableBuilder c = new TableBuilder("cohorts", noSpend ? "Lead cohorts: revenue to date" : "Lead cohorts: spend against revenue to date")
                .col("cohortMonth", "Leads created in", TEXT).col("leads", "Leads", INTEGER).col("spend", "Spend", MONEY)
                .col("revenueToDate", "Revenue to date", MONEY).col("wonDeals", "Won leads", INTEGER)
                .col("roiToDate", "ROI to date", PERCENT).without(noSpend, "spend", "roiToDate");
        long tl = 0;
        long tw = 0;
        BigDecimal ts = BigDecimal.ZERO;
        BigDecimal tr = BigDecimal.ZERO;
        for (int i = COHORT_MONTHS - 1; i >= 0; i--) {
            YearMonth ym = ctx.month().minusMonths(i);
            if (!ctx.comparable(ym)) {
                continue; // before the data begins: no cohort, not a row of zeros
            }
            String k = Integer.toString(ReportContext.key(ym));
            ChannelFigures f = spendByMonth.getOrDefault(k, new ChannelFigures());
            MartQueries.WonCohort w = wonByMonth.getOrDefault(k, MartQueries.WonCohort.NONE);
            BigDecimal[] v = {BigDecimal.valueOf(f.leads), w.revenue(), BigDecimal.valueOf(w.wonLeads())};
            BigDecimal spend = f.spend;
            Map<String, Object> r = c.row();
            r.put("cohortMonth", ym.toString());
            r.put("leads", v[0].longValue());
            r.put("spend", spend);
            r.put("revenueToDate", v[1].setScale(2, RoundingMode.HALF_UP));
            r.put("wonDeals", v[2].longValue());
            r.put("roiToDate", Ratios.roi(v[1], spend));
            tl += v[0].longValue();
            tw += v[2].longValue();
            ts = ts.add(spend);
            tr = tr.add(v[1]);
        }
        Map<String, Object> ct = c.totals();
        ct.put("cohortMonth", "Total");
        ct.put("leads", tl);
        ct.put("spend", ts);
        ct.put("revenueToDate", tr.setScale(2, RoundingMode.HALF_UP));
        ct.put("wonDeals", tw);
        ct.put("roiToDate", Ratios.roi(tr, ts));

        Map<String, ReportTable> tables = new LinkedHashMap<>();
        tables.put("by-source", t.build());
        models.build(ctx, tables);
        tables.put("trend", trend(ctx));
        tables.put("cohorts", c.build());

        // previous periods ending before the data begins are not compared with
        ChannelFigures prevMonth = ctx.comparable(pm) ? marts.total(tenant, ReportContext.key(pm), ReportContext.key(pm)) : null;
        // a 12-month window reaching back before the data begins holds fewer months than this one: no comparison
        ChannelFigures prevYear = ctx.comparable(pm.minusMonths(11)) ? marts.total(tenant, ReportContext.key(pm.minusMonths(11)), ReportContext.key(pm)) : null;
        List<Kpi> kpis = new ArrayList<>();
        if (!noSpend) {
            kpis.add(new Kpi("spendMonth", "Spend (month)", totalMonth.spend, prev(prevMonth, f -> f.spend), MONEY));
        }
        kpis.add(new Kpi("revenueMonth", "Revenue won (month)", totalMonth.revenue, prev(prevMonth, f -> f.revenue), MONEY));
        if (!noSpend) {
            kpis.add(new Kpi("roiMonth", "ROI (month)", Ratios.roi(totalMonth.revenue, totalMonth.spend),
                    prev(prevMonth, f -> Ratios.roi(f.revenue, f.spend)), PERCENT));
            kpis.add(new Kpi("spend12", "Spend (12 mo)", totalYear.spend, prev(prevYear, f -> f.spend), MONEY));
        }
        kpis.add(new Kpi("revenue12", "Revenue won (12 mo)", totalYear.revenue, prev(prevYear, f -> f.revenue), MONEY));
        if (!noSpend) {
            kpis.add(new Kpi("roi12", "ROI (12 mo)", Ratios.roi(totalYear.revenue, totalYear.spend),
                    prev(prevYear, f -> Ratios.roi(f.revenue, f.spend)), PERCENT));
            kpis.add(new Kpi("roas12", "ROAS (12 mo)", Ratios.decimal(totalYear.revenue, totalYear.spend),
                    prev(prevYear, f -> Ratios.decimal(f.revenue, f.spend)), DECIMAL));
            kpis.add(new Kpi("cac12", "CAC (12 mo)", cac(totalYear), prev(prevYear, RoiReport::cac), MONEY));
        } else {
            kpis.add(new Kpi("customers12", "Customers won (12 mo)", totalYear.customers.setScale(1, RoundingMode.HALF_UP),
                    prev(prevYear, f -> f.customers.setScale(1, RoundingMode.HALF_UP)), DECIMAL));
            kpis.add(new Kpi("pipeline12", "Pipeline created (12 mo)", totalYear.pipeline, prev(prevYear, f -> f.pipeline), MONEY));
        }
        List<ChartSpec> charts = new ArrayList<>();
        if (noSpend) {
            charts.add(new ChartSpec("Revenue won per month", "trend", "month", ChartSpec.Kind.BAR, List.of("revenue")));
            charts.add(new ChartSpec("Lead cohorts: revenue to date", "cohorts", "cohortMonth", ChartSpec.Kind.BAR,
                    List.of("revenueToDate")));
        } else {
            charts.add(new ChartSpec("Spend and revenue won per month", "trend", "month", ChartSpec.Kind.BAR, List.of("spend", "revenue")));
            charts.add(new ChartSpec("ROI per month", "trend", "month", ChartSpec.Kind.LINE, List.of("roi")));
            charts.add(new ChartSpec("Lead cohorts: spend and revenue to date", "cohorts", "cohortMonth", ChartSpec.Kind.BAR,
                    List.of("spend", "revenueToDate")));
        }
        List<String> notes = new ArrayList<>();
        if (noSpend) {
            notes.add(CoverageSection.spendNote("spend, ROI, ROAS and CAC"));
        }
        if (!ctx.coverage().amounts()) {
            notes.add("Deal amounts not supplied (every amount is 0): revenue and pipeline are 0 for want of amounts, "
                    + "not for want of deals; customers count the deals won.");
        }
        CoverageSection.notes(tables, notes);
        return new ReportDocument(ID, "End-to-end ROI", ctx.tenant().name(), ctx.month(), ctx.tenant().reportingCurrency(),
                ctx.generatedAt(), kpis, tables, definitions(ctx), List.of(), List.copyOf(charts));
    }

    /** Spend, revenue won and ROI per month over the trailing 12 months. */
    private ReportTable trend(ReportContext ctx) {
        Map<String, ChannelFigures> byMonth = marts.sum(ctx.tenant().id(), ctx.firstOf12(), ctx.monthKey(),
                r -> Integer.toString(r.month()));
        TableBuilder t = new TableBuilder("trend", ctx.spend() ? "Spend and revenue, last 12 months" : "Revenue, last 12 months")
                .col("month", "Month", TEXT)
                .col("spend", "Spend", MONEY).col("revenue", "Revenue won", MONEY).col("roi", "ROI", PERCENT)
                .col("pipeline", "Pipeline created", MONEY).col("customers", "Customers", DECIMAL)
                .without(!ctx.spend(), "spend", "roi");
        ChannelFigures total = new ChannelFigures();
        for (int i = 11; i >= 0; i--) {
            YearMonth ym = ctx.month().minusMonths(i);
            if (!ctx.comparable(ym)) {
                continue;
            }
            ChannelFigures f = byMonth.getOrDefault(Integer.toString(ReportContext.key(ym)), new ChannelFigures());
            trendRow(t.row(), f).put("month", ym.toString());
            total.add(f);
        }
        trendRow(t.totals(), total).put("month", "Total");
        return t.build();
    }

    private static Map<String, Object> trendRow(Map<String, Object> r, ChannelFigures f) {
        r.put("spend", f.spend);
        r.put("revenue", f.revenue);
        r.put("roi", Ratios.roi(f.revenue, f.spend));
        r.put("pipeline", f.pipeline);
        r.put("customers", f.customers.setScale(1, RoundingMode.HALF_UP));
        return r;
    }

    /** Spend ÷ customers: blank when no customer was won, in every month and row alike. */
    static BigDecimal cac(ChannelFigures f) {
        return Ratios.money(f.spend, f.customers);
    }

    private static BigDecimal prev(ChannelFigures f, java.util.function.Function<ChannelFigures, BigDecimal> v) {
        return f == null ? null : v.apply(f);
    }

    private static Map<String, Object> roiRow(Map<String, Object> r, ChannelFigures fm, ChannelFigures fy) {
        r.put("spendMonth", fm.spend);
        r.put("revenueMonth", fm.revenue);
        r.put("roiMonth", Ratios.roi(fm.revenue, fm.spend));
        r.put("spend12", fy.spend);
        r.put("revenue12", fy.revenue);
        r.put("roi12", Ratios.roi(fy.revenue, fy.spend));
        r.put("roas12", Ratios.decimal(fy.revenue, fy.spend));
        r.put("customers12", fy.customers.setScale(1, RoundingMode.HALF_UP));
        r.put("cac12", cac(fy));
        r.put("pipeline12", fy.pipeline);
        return r;
    }

    private static List<Definition> definitions(ReportContext ctx) {
        if (ctx.spend()) {
            return allDefinitions(ctx);
        }
        List<Definition> out = new ArrayList<>();
        for (Definition d : allDefinitions(ctx)) {
            switch (d.term()) {
                case "Spend" -> out.add(new Definition("Spend", "Not supplied: no spend export, so ROI, ROAS and CAC are not shown."));
                case "ROI", "ROAS", "CAC" -> { }
                case "Lead cohorts" -> out.add(new Definition("Lead cohorts", "Leads created in a month against all revenue "
                        + "their deals have won to date. Recent cohorts have had little time to close."));
                default -> out.add(d);
            }
        }
        return List.copyOf(out);
    }

    private static List<Definition> allDefinitions(ReportContext ctx) {
        String ccy = ctx.tenant().reportingCurrency();
        String model = AttributionModels.defaultModel(ctx.tenant());
        return List.of(
                new Definition("Attribution model", "Revenue, ROI, ROAS, customers and CAC credit each won deal with the "
                        + "tenant's default model, " + AttributionModels.label(model) + ": "
                        + AttributionModels.weights(model, ctx.tenant().attribution()) + " Deals with no linked lead, or no credit under the "
                        + "model, appear as '(unattributed)'."),
                new Definition("Model comparison", "The same won deals (closed in the 12 months ending " + ctx.month()
                        + ") credited under every attribution model the warehouse holds, side by side; each column "
                        + "sums to the 12-month revenue. The weights table shows how each model shares a deal."),
                new Definition("Revenue", "Amount of deals closed-won in the period, in " + ccy
                        + " at the ECB reference rate of the close date."),
                Definition.spend("period", ccy),
                new Definition("ROI", "(Revenue − spend) ÷ spend."),
                new Definition("ROAS", "Revenue ÷ spend."),
                new Definition("Customers", "Won deals credited to the source (fractional under multi-touch models)."),
                new Definition("CAC", "Spend ÷ customers won."),
                new Definition("Pipeline created", "Amount of deals created in the period, whatever their outcome."),
                new Definition("Lead cohorts", "Leads created in a month against that month's spend and all revenue their deals "
                        + "have won to date. Recent cohorts have had little time to close: with sales cycles of several "
                        + "months, their ROI to date is expected to be low and is not a verdict."));
    }
}
