package io.leadledger.report.figures;

import io.leadledger.report.ReportContext;
import io.leadledger.report.document.ReportTable;
import io.leadledger.report.document.TableBuilder;
import io.leadledger.report.insights.GrowCutInsights;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static io.leadledger.report.document.ValueType.MONEY;
import static io.leadledger.report.document.ValueType.TEXT;

/**
 * Revenue of the deals won in the trailing 12 months by source, under every attribution model present in
 * core_attribution, side by side; and how each model shares a deal's credit. Columns are m1, m2, ... in
 * {@link io.leadledger.jobs.AttributionModelId} order, labelled with the model's name, so a template can print
 * whichever are present.
 */
@Component
public class ModelComparison {

    public static final String TABLE = "model-comparison";
    public static final String WEIGHTS = "model-weights";

    private final MartQueries marts;

    public ModelComparison(MartQueries marts) {
        this.marts = marts;
    }

    public void build(ReportContext ctx, Map<String, ReportTable> tables) {
        String tenant = ctx.tenant().id();
        Date from = Date.valueOf(ctx.month().minusMonths(11).atDay(1));
        Date to = Date.valueOf(ctx.month().atEndOfMonth());
        Map<String, Map<String, BigDecimal>> credit = new HashMap<>(); // model -> source -> credit
        marts.jdbc().query("""
                SELECT a.model, a.channel, SUM(a.credit_rpt) FROM core_attribution a
                JOIN core_deal d ON d.tenant = a.tenant AND d.source_name = a.source_name AND d.record_id = a.record_id
                WHERE a.tenant = ? AND d.status = 'won' AND d.close_date BETWEEN ? AND ?
                GROUP BY a.model, a.channel""", rs -> {
            credit.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getBigDecimal(3));
        }, tenant, from, to);
        String defaultModel = AttributionModels.defaultModel(ctx.tenant());
        credit.computeIfAbsent(defaultModel, k -> new HashMap<>());
        List<String> models = AttributionModels.sorted(credit.keySet());
        for (String model : models) {
            BigDecimal none = marts.jdbc().queryForObject("""
                    SELECT SUM(d.amount_rpt) FROM core_deal d
                    WHERE d.tenant = ? AND d.status = 'won' AND d.close_date BETWEEN ? AND ?
                      AND NOT EXISTS (SELECT 1 FROM core_attribution a WHERE a.tenant = d.tenant
                                      AND a.source_name = d.source_name AND a.record_id = d.record_id AND a.model = ?)""",
                    BigDecimal.class, tenant, from, to, model);
            if (none != null && none.signum() != 0) {
                credit.get(model).merge(GrowCutInsights.UNATTRIBUTED, none, BigDecimal::add);
            }
        }

        TableBuilder t = new TableBuilder(TABLE, "Revenue by attribution model")
                .col("channel", "Source", TEXT);
        for (int i = 0; i < models.size(); i++) {
            String m = models.get(i);
            t.col(slot(i), AttributionModels.label(m) + (m.equals(defaultModel) ? " (default)" : ""), MONEY);
        }
        TreeSet<String> sources = new TreeSet<>((a, b) -> a.equals(b) ? 0
                : GrowCutInsights.UNATTRIBUTED.equals(a) ? 1 : GrowCutInsights.UNATTRIBUTED.equals(b) ? -1 : a.compareTo(b));
        credit.values().forEach(m -> sources.addAll(m.keySet()));
        BigDecimal[] totals = new BigDecimal[models.size()];
        java.util.Arrays.fill(totals, BigDecimal.ZERO);
        for (String s : sources) {
            Map<String, Object> r = t.row();
            r.put("channel", s);
            for (int i = 0; i < models.size(); i++) {
                BigDecimal v = credit.get(models.get(i)).getOrDefault(s, BigDecimal.ZERO);
                r.put(slot(i), v);
                totals[i] = totals[i].add(v);
            }
        }
        Map<String, Object> tot = t.totals();
        tot.put("channel", "Total");
        for (int i = 0; i < models.size(); i++) {
            tot.put(slot(i), totals[i]);
        }
        tables.put(TABLE, t.build());

        TableBuilder w = new TableBuilder(WEIGHTS, "Attribution model weights")
                .col("model", "Model", TEXT).col("weights", "Credit (weights as configured)", TEXT).col("key", "Model id", TEXT);
        for (String m : models) {
            Map<String, Object> r = w.row();
            r.put("model", AttributionModels.label(m) + (m.equals(defaultModel) ? " (default)" : ""));
            r.put("weights", AttributionModels.weights(m, ctx.tenant().attribution()));
            r.put("key", m);
        }
        tables.put(WEIGHTS, w.build());
    }

    /** Column key of the i-th model present (0-based): m1, m2, ... */
    public static String slot(int i) {
        return "m" + (i + 1);
    }
}
