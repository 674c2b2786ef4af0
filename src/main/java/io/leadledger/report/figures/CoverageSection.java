package io.leadledger.report.figures;

import io.leadledger.report.ReportContext;
import io.leadledger.report.document.Definition;
import io.leadledger.report.document.ReportTable;
import io.leadledger.report.document.TableBuilder;
import io.leadledger.report.figures.DataCoverage.Count;
import io.leadledger.report.figures.DataCoverage.Input;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static io.leadledger.report.document.ValueType.INTEGER;
import static io.leadledger.report.document.ValueType.PERCENT;
import static io.leadledger.report.document.ValueType.TEXT;

/**
 * The "Data coverage" section every report ends with: per source and input, how many rows of the 12 months carry
 * it and in which months (sheet 'Data coverage by month' has every month), and each report's notes on what it
 * leaves out for want of an input (table "notes", printed on the first page).
 */
public final class CoverageSection {

    public static final String TABLE = "data-coverage";
    public static final String BY_MONTH = "data-coverage-by-month";
    public static final String NOTES = "notes";

    private CoverageSection() {
    }

    public static Map<String, ReportTable> tables(ReportContext ctx) {
        DataCoverage c = ctx.coverage();
        TableBuilder t = new TableBuilder(TABLE, "Data coverage").col("source", "Source", TEXT)
                .col("input", "Input", TEXT).col("status", "Supplied", TEXT).col("rows", "Rows (12 mo)", INTEGER)
                .col("withValue", "With a value", INTEGER).col("share", "Share", PERCENT)
                .col("months", "Months with a value", TEXT);
        Map<String, long[]> sums = new LinkedHashMap<>();
        Map<String, TreeSet<YearMonth>> months = new LinkedHashMap<>();
        for (Count n : c.counts()) {
            String k = n.source() + "\u0000" + n.input().name();
            long[] s = sums.computeIfAbsent(k, x -> new long[2]);
            s[0] += n.rows();
            s[1] += n.withValue();
            TreeSet<YearMonth> ms = months.computeIfAbsent(k, x -> new TreeSet<>());
            if (n.withValue() > 0) {
                ms.add(n.month());
            }
        }
        sums.forEach((k, s) -> {
            String[] parts = k.split("\u0000", 2);
            Input input = Input.valueOf(parts[1]);
            TreeSet<YearMonth> ms = months.get(k);
            Map<String, Object> r = t.row();
            r.put("source", parts[0]);
            r.put("input", input.label);
            r.put("status", s[1] == 0 ? "no" : s[1] == s[0] ? "yes" : "partly");
            r.put("rows", s[0]);
            r.put("withValue", s[1]);
            r.put("share", Ratios.percent(s[1], s[0]));
            r.put("months", ms.isEmpty() ? "none" : ms.size() == 1 ? ms.first().toString()
                    : ms.first() + " to " + ms.last() + " (" + ms.size() + " months)");
        });
        // an input with no source of its kind at all (no spend export) is said, not left out
        for (Input input : Input.values()) {
            boolean listed = c.counts().stream().anyMatch(n -> n.input() == input);
            if (!listed && !c.supplied(input)) {
                Map<String, Object> r = t.row();
                r.put("source", "(no " + input.kind + " export)");
                r.put("input", input.label);
                r.put("status", "no");
                r.put("rows", 0L);
                r.put("withValue", 0L);
                r.put("share", null);
                r.put("months", "none");
            }
        }
        TableBuilder m = new TableBuilder(BY_MONTH, "Data coverage by month").col("source", "Source", TEXT)
                .col("input", "Input", TEXT).col("month", "Month", TEXT).col("rows", "Rows", INTEGER)
                .col("withValue", "With a value", INTEGER).col("share", "Share", PERCENT);
        for (Count n : c.counts()) {
            Map<String, Object> r = m.row();
            r.put("source", n.source());
            r.put("input", n.input().label);
            r.put("month", n.month().toString());
            r.put("rows", n.rows());
            r.put("withValue", n.withValue());
            r.put("share", Ratios.percent(n.withValue(), n.rows()));
        }
        Map<String, ReportTable> out = new LinkedHashMap<>();
        out.put(TABLE, t.build());
        out.put(BY_MONTH, m.build());
        return out;
    }

    /** A report's notes on what it cannot show; the table is left out when there is nothing to say. */
    public static void notes(Map<String, ReportTable> tables, List<String> notes) {
        if (notes.isEmpty()) {
            return;
        }
        TableBuilder t = new TableBuilder(NOTES, "Not supplied").col("note", "What this report cannot show", TEXT);
        notes.forEach(n -> t.row().put("note", n));
        tables.put(NOTES, t.build());
    }

    public static String spendNote(String figures) {
        return "Spend not supplied: " + figures + " are not shown.";
    }

    public static String touchNote(int days) {
        return "First sales activity not supplied: \"never touched\" is not measured; a handed lead with neither "
                + "acceptance nor rejection counts as pending, whatever its age (" + days + "-day rule not applied).";
    }

    public static Definition definition() {
        return new Definition("Data coverage", "Which inputs the exports supplied in the 12 months: per source, rows "
                + "with a value (leads by creation month, deals by close month, spend by its month; a deal amount of 0 "
                + "is no amount; a campaign touch, by the month it happened, has a value when it found its lead). A figure needing an input no source supplied is left out and named on the first "
                + "page, never shown as 0.");
    }

    public static BigDecimal nullIf(boolean absent, BigDecimal v) {
        return absent ? null : v;
    }
}
