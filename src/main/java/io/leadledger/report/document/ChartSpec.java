package io.leadledger.report.document;

import java.util.List;

/**
 * A native chart the XLSX draws over a table of the document (the PDF templates lay out their own charts).
 *
 * @param table    key of the table whose rows (not its totals) are plotted
 * @param category the column giving the x-axis labels
 * @param series   the numeric columns plotted, one series each, sharing one value axis
 */
public record ChartSpec(String title, String table, String category, Kind kind, List<String> series) {

    public enum Kind { BAR, LINE }

    public ChartSpec {
        series = List.copyOf(series);
    }
}
