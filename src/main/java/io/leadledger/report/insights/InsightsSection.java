package io.leadledger.report.insights;

import io.leadledger.report.ReportContext;
import io.leadledger.report.document.Definition;
import io.leadledger.report.document.ReportTable;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The insights of a month, computed once and shared by the three reports: recommendations first (cut, then
 * grow), then what changed.
 */
@Component
public class InsightsSection {

    private final GrowCutInsights growCut;
    private final ChangeInsights changes;

    public InsightsSection(GrowCutInsights growCut, ChangeInsights changes) {
        this.growCut = growCut;
        this.changes = changes;
    }

    public InsightSet build(ReportContext ctx, BigDecimal minSpend) {
        List<Insight> insights = new ArrayList<>();
        List<Definition> defs = new ArrayList<>();
        Map<String, ReportTable> tables = new LinkedHashMap<>();
        growCut.build(ctx, minSpend, insights, defs, tables);
        changes.build(ctx, insights, defs, tables);
        return new InsightSet(List.copyOf(insights), List.copyOf(defs), tables);
    }
}
