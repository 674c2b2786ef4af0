package io.leadledger.report.insights;

import io.leadledger.report.Figures;
import io.leadledger.report.ReportContext;
import io.leadledger.report.document.Definition;
import io.leadledger.report.document.ReportTable;
import io.leadledger.report.document.TableBuilder;
import io.leadledger.report.figures.AttributionModels;
import io.leadledger.report.figures.ChannelFigures;
import io.leadledger.report.figures.CohortFigures;
import io.leadledger.report.figures.MartQueries;
import io.leadledger.report.figures.Ratios;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.leadledger.report.document.ValueType.DECIMAL;
import static io.leadledger.report.document.ValueType.INTEGER;
import static io.leadledger.report.document.ValueType.MONEY;
import static io.leadledger.report.document.ValueType.PERCENT;
import static io.leadledger.report.document.ValueType.TEXT;

/**
 * Where to move budget. Cut: campaigns whose leads are older than the median sales cycle (so their revenue is
 * largely in) and have still won back less than they cost, with spend at least the configured floor. Grow: the
 * sources with the highest 12-month ROI whose leads sales accepts more often than the average lead.
 */
@Component
public class GrowCutInsights {

    static final int MAX_CUTS = 3;
    static final int MAX_GROWS = 2;
    public static final String UNATTRIBUTED = "(unattributed)";
    private static final String SEP = "\u0000";

    private final MartQueries marts;

    public GrowCutInsights(MartQueries marts) {
        this.marts = marts;
    }

    /** What the cut rule judged: the cohort window and the median it was derived from (null: no won deals). */
    record CutWindow(BigDecimal medianDays, YearMonth first, YearMonth last) {
    }

    /** The median rounded up to whole days, as the sentences quote it and the window is cut. */
    public static BigDecimal wholeDays(BigDecimal median) {
        return median == null ? null : median.setScale(0, RoundingMode.CEILING);
    }

    public void build(ReportContext ctx, BigDecimal minSpend, List<Insight> out, List<Definition> defs,
                      Map<String, ReportTable> tables) {
        Phrases p = new Phrases(ctx.tenant().reportingCurrency());
        if (!ctx.spend()) {
            // both rules weigh revenue against spend: without spend nothing is judged, and that is said once
            out.add(new Insight(Insight.Kind.NOTE, null, "No campaign is judged for a cut and no source for growth: both "
                    + "rules weigh revenue against spend, and no spend was supplied.", List.of(), "Sheet 'Data coverage'."));
            defs.add(new Definition("Insights: grow and cut", "Not judged: no spend was supplied for the 12 months ending "
                    + Phrases.month(ctx.month()) + "."));
            return;
        }
        CutWindow w = cutWindow(ctx);
        cuts(ctx, minSpend, w, p, out, tables);
        unallocatedNote(tables.get("unallocated-spend"), p, out);
        grows(ctx, minSpend, p, out, tables);
        String min = p.value(minSpend, MONEY);
        defs.add(new Definition("Median sales cycle", w.medianDays() == null
                ? "Median days from a lead's creation to the close of its won deal: no deal was won in the 12 months ending "
                + Phrases.month(ctx.month()) + "."
                : "Median days from a lead's creation to the close of its won deal, over the deals won in the 12 months "
                + "ending " + Phrases.month(ctx.month()) + ", rounded up: " + Figures.format(w.medianDays(), INTEGER) + " days."));
        defs.add(new Definition("Insight: cut", "A campaign whose leads created " + Phrases.range(w.first(), w.last())
                + " (all older than the median sales cycle, so most of their revenue is in) have won back less than "
                + "the campaign spent in those months (ROI below zero), with at least " + min + " spent. The worst "
                + MAX_CUTS + " by ROI are named; sheet 'Campaigns judged for cuts' lists every campaign. The floor is "
                + "insights.minSpend in jobs/monthly-reports.yml. Only campaigns some lead was created under are judged: "
                + "spend on a campaign no lead names (a booth deposit, a retainer, a platform fee) is unallocated spend, "
                + "listed by source on sheet 'Unallocated spend (12 mo)'."));
        defs.add(new Definition("Insight: grow", "The " + MAX_GROWS + " sources with the highest ROI over the last 12 "
                + "months among those that spent at least " + min + ", returned more than they spent, and whose leads "
                + "sales accepted more often than the average of all sources (12 months). Revenue is credited with "
                + "the default attribution model, " + AttributionModels.label(AttributionModels.defaultModel(ctx.tenant()))
                + "."));
    }

    // ------------------------------------------------------------------ cut

    public CutWindow cutWindow(ReportContext ctx) {
        YearMonth first12 = ctx.month().minusMonths(11);
        List<Double> days = new ArrayList<>();
        // the won leads' rank-1 deals are mart_lead's deals: reading them from the deals avoids a scan of every lead
        marts.streaming().query("""
                SELECT m.created_at, d.close_date
                FROM core_deal d JOIN mart_lead m ON m.tenant = d.tenant AND m.lead_key = d.lead_key
                WHERE d.tenant = ? AND d.status = 'won' AND d.lead_rank = 1 AND d.close_date BETWEEN ? AND ?""", rs -> {
            days.add((double) ChronoUnit.DAYS.between(rs.getTimestamp(1).toLocalDateTime().toLocalDate(),
                    rs.getDate(2).toLocalDate()));
        }, ctx.tenant().id(), Date.valueOf(first12.atDay(1)), Date.valueOf(ctx.month().atEndOfMonth()));
        BigDecimal median = wholeDays(CohortFigures.median(days));
        // the last lead-creation month that ended at least one median cycle before the report month ended
        long cycle = median == null ? 0 : median.longValue();
        YearMonth last = YearMonth.from(ctx.month().atEndOfMonth().minusDays(cycle));
        if (!last.atEndOfMonth().equals(ctx.month().atEndOfMonth().minusDays(cycle))) {
            last = last.minusMonths(1);
        }
        return new CutWindow(median, last.minusMonths(11), last);
    }

    private void cuts(ReportContext ctx, BigDecimal minSpend, CutWindow w, Phrases p, List<Insight> out,
                      Map<String, ReportTable> tables) {
        String tenant = ctx.tenant().id();
        int from = ReportContext.key(w.first());
        int to = ReportContext.key(w.last());
        // spend and leads created per campaign come from mart_channel_month, revenue to date from the won leads
        Map<String, ChannelFigures> spend = marts.sum(tenant, from, to, r -> r.channel() + SEP + r.campaign());
        Map<String, MartQueries.WonCohort> won = marts.wonCohorts(tenant, from, to, r -> r.channel() + SEP + r.campaign());
        Map<String, long[]> leads = new HashMap<>();
        Map<String, BigDecimal> revenue = new HashMap<>();
        java.util.Set<String> leadCampaigns = leadCampaigns(tenant);
        spend.forEach((k, f) -> leads.put(k, new long[] {f.leads, 0}));
        won.forEach((k, c) -> {
            leads.computeIfAbsent(k, x -> new long[2])[1] = c.wonLeads();
            revenue.put(k, c.revenue());
        });

        TableBuilder t = new TableBuilder("insight-campaigns", "Campaigns judged for cuts")
                .col("channel", "Source", TEXT).col("campaign", "Campaign", TEXT)
                .col("cohorts", "Leads created", TEXT).col("spend", "Spend", MONEY).col("leads", "Leads", INTEGER)
                .col("wonLeads", "Won leads", INTEGER).col("revenueToDate", "Revenue to date", MONEY)
                .col("roiToDate", "ROI to date", PERCENT).col("verdict", "Verdict", TEXT);
        record Candidate(String channel, String campaign, BigDecimal spend, BigDecimal revenue, BigDecimal roi) {
        }
        List<Candidate> cuts = new ArrayList<>();
        java.util.TreeSet<String> keys = new java.util.TreeSet<>(spend.keySet());
        keys.addAll(leads.keySet());
        for (String k : keys) {
            String[] parts = k.split(SEP, 2);
            BigDecimal s = spend.containsKey(k) ? spend.get(k).spend : BigDecimal.ZERO;
            long[] l = leads.getOrDefault(k, new long[2]);
            if (UNATTRIBUTED.equals(parts[0]) || (s.signum() == 0 && l[0] == 0 && l[1] == 0)) {
                continue;
            }
            BigDecimal rev = revenue.getOrDefault(k, BigDecimal.ZERO).setScale(2, RoundingMode.HALF_UP);
            BigDecimal roi = Ratios.roi(rev, s);
            // spend on a campaign no lead names (a booth deposit, a retainer, a fee) could not produce leads: not judged
            boolean leadCampaign = leadCampaigns.contains(k);
            boolean judged = leadCampaign && w.medianDays() != null && s.signum() > 0 && s.compareTo(minSpend) >= 0;
            boolean cut = judged && roi != null && roi.signum() < 0;
            if (cut) {
                cuts.add(new Candidate(parts[0], parts[1], s, rev, roi));
            }
            Map<String, Object> r = t.row();
            r.put("channel", parts[0]);
            r.put("campaign", parts[1]);
            r.put("cohorts", Phrases.range(w.first(), w.last()));
            r.put("spend", s);
            r.put("leads", l[0]);
            r.put("wonLeads", l[1]);
            r.put("revenueToDate", rev);
            r.put("roiToDate", roi);
            r.put("verdict", cut ? "cut" : judged ? "keep" : !leadCampaign ? "not judged: unallocated spend (no lead has this campaign)"
                    : "not judged (spend below " + p.value(minSpend, MONEY) + ")");
        }
        tables.put("insight-campaigns", t.build());
        tables.put("unallocated-spend", unallocated(ctx, leadCampaigns));

        cuts.sort(Comparator.comparing(Candidate::roi).thenComparing(Candidate::spend, Comparator.reverseOrder())
                .thenComparing(Candidate::channel).thenComparing(Candidate::campaign));
        String window = Phrases.range(w.first(), w.last());
        String basis = "Sheet 'Campaigns judged for cuts' (verdict = cut); rows: 'Spend (12 mo)' and the marts for "
                + window + ".";
        if (w.medianDays() == null) {
            out.add(new Insight(Insight.Kind.CUT, null, "No deal was won in the last 12 months, so the sales cycle "
                    + "cannot be measured and no campaign is judged for a cut.", List.of(), basis));
            return;
        }
        String cycle = Figures.format(w.medianDays(), INTEGER);
        if (cuts.isEmpty()) {
            out.add(new Insight(Insight.Kind.CUT, null, "No campaign to cut: every campaign that spent at least "
                    + p.value(minSpend, MONEY) + " on leads created " + window + " has won back its spend. Those leads "
                    + "are older than the median sales cycle of " + cycle + " days.",
                    List.of(new Insight.Figure("Minimum spend judged", minSpend, MONEY),
                            new Insight.Figure("Median sales cycle (days)", w.medianDays(), INTEGER)), basis));
            return;
        }
        for (Candidate c : cuts.subList(0, Math.min(MAX_CUTS, cuts.size()))) {
            out.add(new Insight(Insight.Kind.CUT, c.campaign(), "Cut " + c.campaign() + " (" + c.channel() + "): the "
                    + p.value(c.spend(), MONEY) + " it spent on leads created " + window + " has won "
                    + p.value(c.revenue(), MONEY) + " so far, an ROI of " + Figures.format(c.roi(), PERCENT)
                    + ". Those leads are older than the median sales cycle of " + cycle
                    + " days, so most of their revenue is in.",
                    List.of(new Insight.Figure("Spend " + window, c.spend(), MONEY),
                            new Insight.Figure("Revenue to date", c.revenue(), MONEY),
                            new Insight.Figure("ROI to date", c.roi(), PERCENT),
                            new Insight.Figure("Median sales cycle (days)", w.medianDays(), INTEGER)), basis));
        }
    }

    /** Spend no lead campaign can answer for is named with its sources, so that nobody reads it as a campaign to cut. */
    private static void unallocatedNote(ReportTable t, Phrases p, List<Insight> out) {
        BigDecimal total = (BigDecimal) t.totals().get("unallocated");
        if (total.signum() == 0) {
            return;
        }
        List<Insight.Figure> figures = new ArrayList<>();
        figures.add(new Insight.Figure("Unallocated spend (12 mo)", total, MONEY));
        List<String> parts = new ArrayList<>();
        for (Map<String, Object> r : t.rows()) {
            BigDecimal v = (BigDecimal) r.get("unallocated");
            parts.add(r.get("channel") + " " + p.value(v, MONEY));
            figures.add(new Insight.Figure("Unallocated spend, " + r.get("channel") + " (12 mo)", v, MONEY));
        }
        out.add(new Insight(Insight.Kind.NOTE, null, "Unallocated spend: " + p.value(total, MONEY) + " in the last 12 months "
                + "went to campaigns no lead was created under (" + String.join(", ", parts) + "); it is not judged for a cut.",
                figures, "Sheet 'Unallocated spend (12 mo)'."));
    }

    /** Channel and campaign (joined by SEP) of every campaign some lead was created under. */
    private java.util.Set<String> leadCampaigns(String tenant) {
        java.util.Set<String> out = new java.util.HashSet<>();
        marts.jdbc().query("SELECT DISTINCT channel, campaign FROM mart_channel_month WHERE tenant = ? AND leads_created > 0",
                rs -> {
                    out.add(rs.getString(1) + SEP + rs.getString(2));
                }, tenant);
        return out;
    }

    /** Spend of the 12 months per source on campaigns no lead names: shown, never judged for a cut. */
    private ReportTable unallocated(ReportContext ctx, java.util.Set<String> leadCampaigns) {
        Map<String, ChannelFigures> byCampaign = marts.sum(ctx.tenant().id(), ctx.firstOf12(), ctx.monthKey(),
                r -> r.channel() + SEP + r.campaign());
        Map<String, BigDecimal[]> bySource = new java.util.TreeMap<>();
        Map<String, Long> campaigns = new HashMap<>();
        byCampaign.forEach((k, f) -> {
            String channel = k.split(SEP, 2)[0];
            if (f.spend.signum() == 0 || UNATTRIBUTED.equals(channel)) {
                return;
            }
            BigDecimal[] v = bySource.computeIfAbsent(channel, x -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            v[1] = v[1].add(f.spend);
            if (!leadCampaigns.contains(k)) {
                v[0] = v[0].add(f.spend);
                campaigns.merge(channel, 1L, Long::sum);
            }
        });
        TableBuilder t = new TableBuilder("unallocated-spend", "Unallocated spend (12 mo)")
                .col("channel", "Source", TEXT).col("unallocated", "Spend on campaigns no lead has", MONEY)
                .col("campaigns", "Such campaigns", INTEGER).col("spend", "All spend", MONEY)
                .col("share", "Unallocated share", PERCENT);
        BigDecimal tu = BigDecimal.ZERO;
        BigDecimal ts = BigDecimal.ZERO;
        long tc = 0;
        for (Map.Entry<String, BigDecimal[]> e : bySource.entrySet()) {
            BigDecimal[] v = e.getValue();
            if (v[0].signum() == 0) {
                continue;
            }
            Map<String, Object> r = t.row();
            r.put("channel", e.getKey());
            r.put("unallocated", v[0]);
            r.put("campaigns", campaigns.getOrDefault(e.getKey(), 0L));
            r.put("spend", v[1]);
            r.put("share", Ratios.percent(v[0], v[1]));
            tu = tu.add(v[0]);
            ts = ts.add(v[1]);
            tc += campaigns.getOrDefault(e.getKey(), 0L);
        }
        Map<String, Object> tot = t.totals();
        tot.put("channel", "Total");
        tot.put("unallocated", tu);
        tot.put("campaigns", tc);
        tot.put("spend", ts);
        tot.put("share", Ratios.percent(tu, ts));
        return t.build();
    }

    // ------------------------------------------------------------------ grow

    private void grows(ReportContext ctx, BigDecimal minSpend, Phrases p, List<Insight> out, Map<String, ReportTable> tables) {
        Map<String, ChannelFigures> year = ChannelFigures.measured(
                marts.sum(ctx.tenant().id(), ctx.firstOf12(), ctx.monthKey(), MartQueries.Row::channel), ctx);
        ChannelFigures all = new ChannelFigures();
        year.values().forEach(all::add);
        BigDecimal average = all.acceptanceRate();

        TableBuilder t = new TableBuilder("insight-sources", "Sources judged for growth").col("channel", "Source", TEXT)
                .col("spend12", "Spend (12 mo)", MONEY).col("revenue12", "Revenue (12 mo)", MONEY)
                .col("roi12", "ROI (12 mo)", PERCENT).col("roas12", "ROAS (12 mo)", DECIMAL)
                .col("decided", "Handed leads with a verdict (12 mo)", INTEGER).col("accepted", "Accepted (12 mo)", INTEGER)
                .col("acceptanceRate", "Acceptance rate (12 mo)", PERCENT).col("verdict", "Verdict", TEXT);
        // the source's row, for the verdict of the ones named
        record Candidate(String channel, ChannelFigures f, BigDecimal roi) {
        }
        List<Candidate> grows = new ArrayList<>();
        Map<String, Map<String, Object>> rows = new HashMap<>();
        for (Map.Entry<String, ChannelFigures> e : year.entrySet()) {
            ChannelFigures f = e.getValue();
            if (f.revenue.signum() == 0 && !f.hasLeadActivity()) {
                continue;
            }
            BigDecimal roi = Ratios.roi(f.revenue, f.spend);
            BigDecimal acc = f.acceptanceRate();
            String verdict = UNATTRIBUTED.equals(e.getKey()) ? "not a source (deals without a credited lead)"
                    : f.spend.signum() == 0 || f.spend.compareTo(minSpend) < 0 ? "not judged: spend below " + p.value(minSpend, MONEY)
                    : roi == null || roi.signum() <= 0 ? "no: returned less than its spend"
                    : acc == null || average == null || acc.compareTo(average) <= 0 ? "no: acceptance rate not above average"
                    : "candidate";
            if (verdict.equals("candidate")) {
                grows.add(new Candidate(e.getKey(), f, roi));
            }
            Map<String, Object> r = t.row();
            rows.put(e.getKey(), r);
            r.put("channel", e.getKey());
            r.put("spend12", f.spend);
            r.put("revenue12", f.revenue);
            r.put("roi12", roi);
            r.put("roas12", Ratios.decimal(f.revenue, f.spend));
            r.put("decided", f.accepted + f.rejected + f.neverTouched);
            r.put("accepted", f.accepted);
            r.put("acceptanceRate", acc);
            r.put("verdict", verdict);
        }
        grows.sort(Comparator.comparing(Candidate::roi, Comparator.reverseOrder()).thenComparing(Candidate::channel));
        List<Candidate> named = grows.subList(0, Math.min(MAX_GROWS, grows.size()));
        named.forEach(c -> rows.get(c.channel()).put("verdict", "grow"));
        Map<String, Object> tot = t.totals();
        tot.put("channel", "All sources");
        tot.put("spend12", all.spend);
        tot.put("revenue12", all.revenue);
        tot.put("roi12", Ratios.roi(all.revenue, all.spend));
        tot.put("roas12", Ratios.decimal(all.revenue, all.spend));
        tot.put("decided", all.accepted + all.rejected + all.neverTouched);
        tot.put("accepted", all.accepted);
        tot.put("acceptanceRate", average);
        tot.put("verdict", "");
        tables.put("insight-sources", t.build());

        String basis = "Sheet 'Sources judged for growth' (verdict = grow); 'Return by source' for spend and revenue.";
        if (named.isEmpty()) {
            // no placeholder in a sentence: without an average acceptance rate the sentence says why
            out.add(new Insight(Insight.Kind.GROW, null, "No source to grow: none that spent at least "
                    + p.value(minSpend, MONEY) + " in the last 12 months both returned more than it spent and had its "
                    + "leads accepted more often than " + (average == null
                    ? "average (sales gave no verdict on any handed lead, so there is no average)."
                    : "the " + Figures.format(average, PERCENT) + " average."),
                    average == null ? List.of() : List.of(new Insight.Figure("Acceptance rate, all sources (12 mo)", average, PERCENT)), basis));
            return;
        }
        for (Candidate c : named) {
            ChannelFigures f = c.f();
            BigDecimal roas = Ratios.decimal(f.revenue, f.spend);
            out.add(new Insight(Insight.Kind.GROW, c.channel(), "Grow " + c.channel() + ": in the last 12 months it won "
                    + p.value(f.revenue, MONEY) + " on " + p.value(f.spend, MONEY) + " of spend (ROI "
                    + Figures.format(c.roi(), PERCENT) + ", ROAS " + Figures.format(roas, DECIMAL) + "), and sales "
                    + "accepted " + Figures.format(f.acceptanceRate(), PERCENT) + " of its leads against "
                    + Figures.format(average, PERCENT) + " for all sources.",
                    List.of(new Insight.Figure("Revenue (12 mo)", f.revenue, MONEY),
                            new Insight.Figure("Spend (12 mo)", f.spend, MONEY),
                            new Insight.Figure("ROI (12 mo)", c.roi(), PERCENT),
                            new Insight.Figure("ROAS (12 mo)", roas, DECIMAL),
                            new Insight.Figure("Acceptance rate (12 mo)", f.acceptanceRate(), PERCENT),
                            new Insight.Figure("Acceptance rate, all sources (12 mo)", average, PERCENT)), basis));
        }
    }
}
