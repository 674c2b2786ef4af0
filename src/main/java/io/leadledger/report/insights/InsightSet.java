package io.leadledger.report.insights;

import io.leadledger.report.document.Definition;
import io.leadledger.report.document.ReportTable;

import java.util.List;
import java.util.Map;

/**
 * The insights every report of a month shares, the definitions of their rules, and the tables they were
 * drawn from (sheets of the XLSX, so that an analyst can retrace each figure).
 */
public record InsightSet(List<Insight> insights, List<Definition> definitions, Map<String, ReportTable> tables) {
}
