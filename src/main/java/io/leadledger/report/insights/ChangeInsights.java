package io.leadledger.report.insights;

import io.leadledger.report.ReportContext;
import io.leadledger.report.document.Definition;
import io.leadledger.report.document.ReportTable;
import io.leadledger.report.document.TableBuilder;
import io.leadledger.report.document.ValueType;
import io.leadledger.report.figures.ChannelFigures;
import io.leadledger.report.figures.MartQueries;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

import static io.leadledger.report.document.ValueType.DECIMAL;
import static io.leadledger.report.document.ValueType.INTEGER;
import static io.leadledger.report.document.ValueType.MONEY;
import static io.leadledger.report.document.ValueType.PERCENT;
import static io.leadledger.report.document.ValueType.TEXT;

/**
 * What changed: new leads, cost per lead, acceptance rate and revenue won of the report month against the
 * month before and the same month last year, each with the source that moved most.
 */
@Component
public class ChangeInsights {

    /** Below this many leads (or handed leads with a verdict) a source's rate swings by chance: not a mover. */
    static final long MIN_VOLUME = 10;

    private final MartQueries marts;

    public ChangeInsights(MartQueries marts) {
        this.marts = marts;
    }

    private record Metric(String key, String label, ValueType type, Function<ChannelFigures, BigDecimal> value,
                          Predicate<ChannelFigures> comparable) {
    }

    private static final List<Metric> METRICS = List.of(
            new Metric("leads", "New leads", INTEGER, f -> BigDecimal.valueOf(f.leads), f -> true),
            new Metric("cpl", "Cost per lead", MONEY, ChannelFigures::cpl,
                    f -> f.leads >= MIN_VOLUME && f.spend.signum() > 0),
            new Metric("acceptanceRate", "Acceptance rate", PERCENT, ChannelFigures::acceptanceRate,
                    f -> f.accepted + f.rejected + f.neverTouched >= MIN_VOLUME),
            new Metric("revenue", "Revenue won", MONEY, f -> f.revenue, f -> true));

    public void build(ReportContext ctx, List<Insight> out, List<Definition> defs, Map<String, ReportTable> tables) {
        Phrases p = new Phrases(ctx.tenant().reportingCurrency());
        String tenant = ctx.tenant().id();
        // a month before the data begins has no figures: comparing with it would report a rise from nothing
        List<YearMonth> months = java.util.stream.Stream.of(ctx.month(), ctx.month().minusMonths(1), ctx.month().minusYears(1))
                .filter(m -> m.equals(ctx.month()) || ctx.comparable(m)).toList();
        List<Metric> metrics = ctx.spend() ? METRICS : METRICS.stream().filter(x -> !x.key().equals("cpl")).toList();
        List<Map<String, ChannelFigures>> bySource = new ArrayList<>();
        List<ChannelFigures> totals = new ArrayList<>();
        for (YearMonth m : months) {
            int k = ReportContext.key(m);
            bySource.add(ChannelFigures.measured(marts.sum(tenant, k, k, MartQueries.Row::channel), ctx));
            totals.add(ChannelFigures.measured(marts.total(tenant, k, k), ctx));
        }
        TreeSet<String> sources = new TreeSet<>();
        bySource.forEach(m -> sources.addAll(m.keySet()));

        TableBuilder t = new TableBuilder("insight-changes", "Changes by source").col("channel", "Source", TEXT);
        for (Metric metric : withSpend(metrics, ctx.spend())) {
            for (YearMonth m : months) {
                t.col(metric.key() + "_" + m, metric.label() + " " + Phrases.month(m), metric.type());
            }
        }
        for (String s : sources) {
            List<ChannelFigures> f = months.stream().map(m -> bySource.get(months.indexOf(m))
                    .getOrDefault(s, new ChannelFigures())).toList();
            fill(t.row(), months, f, metrics, ctx.spend()).put("channel", s);
        }
        fill(t.totals(), months, totals, metrics, ctx.spend()).put("channel", "All sources");
        tables.put("insight-changes", t.build());

        for (Metric metric : metrics) {
            out.add(sentence(metric, months, bySource, totals, sources, p));
        }
        List<String> against = months.subList(1, months.size()).stream().map(Phrases::month).toList();
        defs.add(new Definition("Insight: change", (ctx.spend() ? "New leads, cost per lead, acceptance rate and revenue won of "
                : "New leads, acceptance rate and revenue won of ") + Phrases.month(months.get(0))
                + (against.isEmpty() ? " (no earlier month to compare with: the data begins in " + Phrases.month(months.get(0)) + ")"
                : " against " + String.join(" and ", against))
                + (months.size() < 3 ? "; months before the data begins (" + Phrases.month(ctx.coverage().dataBegins() == null
                ? ctx.month() : ctx.coverage().dataBegins()) + ") are not compared with" : "")
                + ". Rates change by percentage points, other figures by percent. The "
                + "source that moved most has the largest change in absolute terms; for " + (ctx.spend() ? "cost per lead and " : "")
                + "acceptance rate only sources with at least " + MIN_VOLUME + " " + (ctx.spend() ? "new leads (handed leads with a verdict)"
                : "handed leads with a verdict") + " in both months compete. Sheet 'Changes by source' has every source's figures."));
    }

    /** The metrics plus spend, which an analyst needs to retrace cost per lead. */
    private static List<Metric> withSpend(List<Metric> metrics, boolean spend) {
        List<Metric> m = new ArrayList<>(metrics);
        if (spend) {
            m.add(1, new Metric("spend", "Spend", MONEY, f -> f.spend, f -> true));
        }
        return m;
    }

    private static Map<String, Object> fill(Map<String, Object> r, List<YearMonth> months, List<ChannelFigures> f,
                                            List<Metric> metrics, boolean spend) {
        for (Metric metric : withSpend(metrics, spend)) {
            for (int i = 0; i < months.size(); i++) {
                BigDecimal v = metric.value().apply(f.get(i));
                r.put(metric.key() + "_" + months.get(i), metric.type() == INTEGER && v != null ? (Object) v.longValue() : v);
            }
        }
        return r;
    }

    private Insight sentence(Metric metric, List<YearMonth> months, List<Map<String, ChannelFigures>> bySource,
                             List<ChannelFigures> totals, TreeSet<String> sources, Phrases p) {
        BigDecimal now = metric.value().apply(totals.get(0));
        List<Insight.Figure> figures = new ArrayList<>();
        String basis = "Sheet 'Changes by source', columns " + metric.label() + ".";
        if (now == null) {
            return new Insight(Insight.Kind.CHANGE, metric.label(), metric.label() + ": no figure for "
                    + Phrases.month(months.get(0)) + ".", figures, basis);
        }
        figures.add(new Insight.Figure(metric.label() + ", " + Phrases.month(months.get(0)), now, metric.type()));
        StringBuilder s = new StringBuilder(metric.label()).append(": ").append(p.value(now, metric.type()))
                .append(" in ").append(Phrases.month(months.get(0)));
        List<String> against = new ArrayList<>();
        for (int i = 1; i < months.size(); i++) {
            BigDecimal before = metric.value().apply(totals.get(i));
            String month = Phrases.month(months.get(i));
            if (before == null) {
                against.add("no figure for " + month);
                continue;
            }
            figures.add(new Insight.Figure(metric.label() + ", " + month, before, metric.type()));
            String change = Phrases.change(now, before, metric.type());
            against.add(change == null ? "against " + p.value(before, metric.type()) + " in " + month
                    : change + " on " + month + " (" + p.value(before, metric.type()) + ")");
        }
        s.append(against.isEmpty() ? ", the first month of data" : ", " + String.join(" and ", against)).append('.');

        List<String> movers = new ArrayList<>();
        for (int i = 1; i < months.size(); i++) {
            Mover m = mover(metric, bySource.get(0), bySource.get(i), sources);
            if (m != null) {
                String month = Phrases.month(months.get(i));
                movers.add(m.source() + " against " + month + " (" + p.value(m.before(), metric.type()) + " to "
                        + p.value(m.now(), metric.type()) + ")");
                figures.add(new Insight.Figure(m.source() + ", " + month, m.before(), metric.type()));
                figures.add(new Insight.Figure(m.source() + ", " + Phrases.month(months.get(0)), m.now(), metric.type()));
            }
        }
        if (!movers.isEmpty()) {
            s.append(" Moved most: ").append(String.join("; ", movers)).append('.');
        }
        return new Insight(Insight.Kind.CHANGE, metric.label(), s.toString(), figures, basis);
    }

    private record Mover(String source, BigDecimal before, BigDecimal now, BigDecimal delta) {
    }

    /** The source with the largest absolute change; ties go to the first source alphabetically. */
    private static Mover mover(Metric metric, Map<String, ChannelFigures> now, Map<String, ChannelFigures> before,
                               TreeSet<String> sources) {
        Mover best = null;
        for (String s : sources) {
            ChannelFigures a = now.getOrDefault(s, new ChannelFigures());
            ChannelFigures b = before.getOrDefault(s, new ChannelFigures());
            if (!metric.comparable().test(a) || !metric.comparable().test(b)) {
                continue;
            }
            BigDecimal va = metric.value().apply(a);
            BigDecimal vb = metric.value().apply(b);
            if (va == null || vb == null) {
                continue;
            }
            BigDecimal delta = va.subtract(vb).abs();
            if (delta.signum() > 0 && (best == null || delta.compareTo(best.delta()) > 0)) {
                best = new Mover(s, vb, va, delta);
            }
        }
        return best;
    }
}
