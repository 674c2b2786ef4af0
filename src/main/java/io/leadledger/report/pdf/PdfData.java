package io.leadledger.report.pdf;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.leadledger.report.Figures;
import io.leadledger.report.document.Column;
import io.leadledger.report.document.Definition;
import io.leadledger.report.document.Kpi;
import io.leadledger.report.document.ReportDocument;
import io.leadledger.report.document.ReportTable;
import io.leadledger.report.document.ValueType;
import io.leadledger.report.insights.Insight;
import net.sf.jasperreports.engine.JRDataSource;

/**
 * What the JRXML templates see of a {@link ReportDocument}: passed as the {@code DATA} parameter, its methods
 * are called from template expressions ({@code $P{DATA}.rows("by-source")}). Every method copes with a
 * missing table, column or value, so a template never fails on a partial document; each call to
 * {@link #rows} and {@link #chartRows} returns a fresh data source, because a data source can be read
 * only once and a table and a chart may draw on the same rows.
 */
public final class PdfData {

    /** Field set to {@code Boolean.TRUE} on the totals row that {@link #rows} appends. */
    public static final String TOTAL_FLAG = "_total";
    /** Field set to {@code Boolean.TRUE} on a group's subtotal row in a grouped table. */
    public static final String GROUP_FLAG = "_group";
    static final String DASH = "\u2013";
    static final String UP = "\u25B2";
    static final String DOWN = "\u25BC";

    private final ReportDocument doc;

    public PdfData(ReportDocument doc) {
        this.doc = doc;
    }

    private ReportTable table(String key) {
        return doc.tables() == null ? null : doc.tables().get(key);
    }

    /** Whether the document holds the table at all (rows may still be empty). */
    public boolean has(String table) {
        return table(table) != null;
    }

    /** Whether any of the tables is present. */
    public boolean hasAny(String... tables) {
        for (String t : tables) {
            if (has(t)) {
                return true;
            }
        }
        return false;
    }

    /** True when the table is missing or has no rows. */
    public boolean isEmpty(String table) {
        ReportTable t = table(table);
        return t == null || t.rows() == null || t.rows().isEmpty();
    }

    /** Whether the table lists the column; a missing table shows all its template columns (it prints "No data"). */
    public boolean hasColumn(String table, String column) {
        ReportTable t = table(table);
        if (t == null || t.columns() == null) {
            return true;
        }
        return t.columns().stream().anyMatch(c -> c.key().equals(column));
    }

    /** The table's title, or the template's fallback when the table or its title is missing. */
    public String title(String table, String fallback) {
        ReportTable t = table(table);
        return t == null || t.title() == null || t.title().isBlank() ? fallback : t.title();
    }

    /** The column's label, or its key when the table does not list it. */
    public String label(String table, String column) {
        ReportTable t = table(table);
        if (t != null && t.columns() != null) {
            for (Column c : t.columns()) {
                if (c.key().equals(column) && c.label() != null) {
                    return c.label();
                }
            }
        }
        return column;
    }

    /** Whether the table has any MONEY column (the template then notes the currency). */
    public boolean hasMoney(String table) {
        ReportTable t = table(table);
        return t != null && t.columns() != null && t.columns().stream().anyMatch(c -> c.type() == ValueType.MONEY);
    }

    public String currency() {
        return doc.currency() == null ? "" : doc.currency();
    }

    /** The table's rows followed by its totals row (flagged with {@link #TOTAL_FLAG}), for a table. */
    public JRDataSource rows(String table) {
        return new TypedMapDataSource(collect(table, true));
    }

    /** The table's rows without the totals row, for a chart. */
    public JRDataSource chartRows(String table) {
        return new TypedMapDataSource(collect(table, false));
    }

    private Collection<Map<String, ?>> collect(String key, boolean withTotals) {
        List<Map<String, ?>> out = new ArrayList<>();
        ReportTable t = table(key);
        if (t == null || t.rows() == null || t.rows().isEmpty()) {
            return out;
        }
        // a figure the document left out (its column dropped: input not supplied) has no value in a chart either
        java.util.Set<String> shown = new java.util.HashSet<>();
        (t.columns() == null ? List.<Column>of() : t.columns()).forEach(c -> shown.add(c.key()));
        for (Map<String, Object> row : withTotals && t.grouped() ? grouped(t) : t.rows()) {
            if (row != null) {
                Map<String, Object> copy = new LinkedHashMap<>(row);
                if (!withTotals && t.columns() != null) {
                    copy.replaceAll((k, v) -> shown.contains(k) ? v : null);
                }
                breakable(copy, t);
                copy.putIfAbsent(GROUP_FLAG, Boolean.FALSE);
                copy.put(TOTAL_FLAG, Boolean.FALSE);
                out.add(copy);
            }
        }
        if (withTotals && t.totals() != null) {
            Map<String, Object> totals = new LinkedHashMap<>(t.totals());
            boolean labelled = false;
            for (Column c : t.columns() == null ? List.<Column>of() : t.columns()) {
                if (c.type() != ValueType.TEXT) {
                    continue;
                }
                Object v = totals.get(c.key());
                if (!labelled) {
                    if (v == null || v.toString().isBlank()) {
                        totals.put(c.key(), "Total");
                    }
                    labelled = true;
                } else if (v == null) {
                    totals.put(c.key(), "");
                }
            }
            totals.put(TOTAL_FLAG, Boolean.TRUE);
            out.add(totals);
        }
        return out;
    }

    /**
     * Text cells may break after "_" (a hair space there: Java's line breaker, which Jasper uses, breaks neither after
     * "_" nor at a zero-width space): a long identifier such as "content_syndication" then wraps at its parts instead
     * of mid-word ("content_syndicatio" / "n").
     */
    private static void breakable(Map<String, Object> row, ReportTable t) {
        if (t.columns() == null) {
            return;
        }
        for (Column c : t.columns()) {
            if (c.type() == ValueType.TEXT && row.get(c.key()) instanceof String s && s.length() > 12) {
                row.put(c.key(), s.replaceAll("_(?=\\S)", "_\u200A"));
            }
        }
    }

    /**
     * A grouped table's rows under their groups: each group's subtotal row (flagged {@link #GROUP_FLAG}) and then
     * its rows, groups in the order of the subtotals; rows of a group without a subtotal follow at the end.
     */
    private static List<Map<String, Object>> grouped(ReportTable t) {
        Map<String, List<Map<String, Object>>> byGroup = new LinkedHashMap<>();
        t.subtotals().keySet().forEach(g -> byGroup.put(g, new ArrayList<>()));
        List<Map<String, Object>> orphans = new ArrayList<>();
        for (Map<String, Object> row : t.rows()) {
            Object g = row == null ? null : row.get(t.groupBy());
            List<Map<String, Object>> members = g == null ? null : byGroup.get(g.toString());
            (members == null ? orphans : members).add(row);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        byGroup.forEach((g, members) -> {
            Map<String, Object> sub = new LinkedHashMap<>(t.subtotals().get(g));
            sub.put(t.groupBy(), g);
            sub.put(GROUP_FLAG, Boolean.TRUE);
            out.add(sub);
            out.addAll(members);
        });
        out.addAll(orphans);
        return out;
    }

    /**
     * Insights for the first page: fields kind (GROW, CUT, CHANGE), label ("Grow"), subject, sentence; section
     * "recommendations" gives grow and cut, "changes" the rest.
     */
    public JRDataSource insights(String section) {
        List<Map<String, ?>> out = new ArrayList<>();
        for (Insight in : doc.insights() == null ? List.<Insight>of() : doc.insights()) {
            if (in.kind().isRecommendation() == "recommendations".equals(section)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("kind", in.kind().name());
                m.put("label", in.kind().label());
                m.put("subject", in.subject());
                m.put("sentence", in.sentence());
                out.add(m);
            }
        }
        return new TypedMapDataSource(out);
    }

    /** Whether the cut and grow rules judged anything (not when an input they need was not supplied). */
    public boolean judgesBudget() {
        return doc.insights() != null && doc.insights().stream()
                .anyMatch(i -> i.kind() == Insight.Kind.GROW || i.kind() == Insight.Kind.CUT);
    }

    public boolean hasInsights() {
        return doc.insights() != null && !doc.insights().isEmpty();
    }

    /**
     * KPI tiles: fields key, label, type (ValueType name), value, previous (BigDecimal), pattern
     * ({@link Figures#pattern}) and change ("▲ 12.5%", "▼ 3.0%" or "–").
     */
    public JRDataSource kpis() {
        List<Map<String, ?>> out = new ArrayList<>();
        if (doc.kpis() != null) {
            for (Kpi k : doc.kpis()) {
                ValueType type = k.type() == null ? ValueType.DECIMAL : k.type();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("key", k.key());
                m.put("label", k.label());
                m.put("type", type.name());
                m.put("value", k.value());
                m.put("previous", k.previous());
                m.put("pattern", Figures.pattern(type));
                m.put("change", change(k.value(), k.previous(), type));
                out.add(m);
            }
        }
        return new TypedMapDataSource(out);
    }

    /** Definitions: fields term, meaning. */
    public JRDataSource definitions() {
        List<Map<String, ?>> out = new ArrayList<>();
        if (doc.definitions() != null) {
            for (Definition d : doc.definitions()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("term", d.term());
                m.put("meaning", d.meaning());
                out.add(m);
            }
        }
        return new TypedMapDataSource(out);
    }

    /** Whether the report names inputs it had to do without (table "notes"), for the first page. */
    public boolean hasNotes() {
        return !isEmpty(io.leadledger.report.figures.CoverageSection.NOTES);
    }

    /** The report's notes on what it cannot show, one per line, said once on the first page. */
    public String notes() {
        ReportTable t = table(io.leadledger.report.figures.CoverageSection.NOTES);
        if (t == null || t.rows() == null) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        for (Map<String, Object> r : t.rows()) {
            Object n = r.get("note");
            if (n != null) {
                lines.add(n.toString());
            }
        }
        return String.join("\n", lines);
    }

    /** Rows of the "Data coverage" table for the coverage subreport (no totals). */
    public JRDataSource coverageRows() {
        return new TypedMapDataSource(collect(io.leadledger.report.figures.CoverageSection.TABLE, false));
    }

    public boolean hasKpis() {
        return doc.kpis() != null && !doc.kpis().isEmpty();
    }

    public boolean hasDefinitions() {
        return doc.definitions() != null && !doc.definitions().isEmpty();
    }

    /**
     * The change against the previous value as the KPI tiles show it: "▲ 12.5%", "▼ 3.0%", "0.0%" when
     * unchanged, and "–" when there is no previous value or it is zero (a change would be meaningless).
     */
    public static String change(BigDecimal value, BigDecimal previous) {
        return change(value, previous, ValueType.DECIMAL);
    }

    /**
     * As {@link #change(BigDecimal, BigDecimal)}; a rate (PERCENT) changes in percentage points, as the insight
     * sentences say it: "▲ 0.4 pts", "▼ 2.8 pts", "0.0 pts" (and from a previous rate of 0 too).
     */
    public static String change(BigDecimal value, BigDecimal previous, ValueType type) {
        if (type == ValueType.PERCENT && value != null && previous != null) {
            BigDecimal points = value.subtract(previous).movePointRight(2).setScale(1, java.math.RoundingMode.HALF_UP);
            String p = Figures.format(points.abs(), ValueType.DECIMAL) + " pts";
            return points.signum() > 0 ? UP + " " + p : points.signum() < 0 ? DOWN + " " + p : p;
        }
        if (value == null || previous == null || previous.signum() == 0) {
            return DASH;
        }
        BigDecimal rel = value.subtract(previous).divide(previous.abs(), MathContext.DECIMAL64);
        String pct = Figures.format(rel.abs(), ValueType.PERCENT);
        if (rel.signum() > 0) {
            return UP + " " + pct;
        }
        if (rel.signum() < 0) {
            return DOWN + " " + pct;
        }
        return pct;
    }
}
