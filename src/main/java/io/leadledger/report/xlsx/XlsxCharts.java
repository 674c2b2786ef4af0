package io.leadledger.report.xlsx;

import io.leadledger.report.Figures;
import io.leadledger.report.document.ChartSpec;
import io.leadledger.report.document.Column;
import io.leadledger.report.document.ReportTable;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFLineProperties;
import org.apache.poi.xddf.usermodel.XDDFShapeProperties;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.MarkerStyle;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;

import java.util.List;

/**
 * Native Excel charts (DrawingML, through POI's XDDF) beside the table they plot: they reference the sheet's
 * cells, so they follow when an analyst edits the figures. Only regular sheets can hold them, never streamed ones.
 */
final class XlsxCharts {

    private static final int WIDTH_COLS = 9;
    private static final int HEIGHT_ROWS = 18;
    /** The report palette (as the PDF charts): navy, teal, amber, slate. */
    private static final byte[][] COLORS = {
            {0x1B, 0x3A, 0x5C}, {0x2A, (byte) 0x9D, (byte) 0x8F}, {(byte) 0xE9, (byte) 0xA2, 0x3B}, {0x5E, 0x6E, (byte) 0x82}};

    private XlsxCharts() {
    }

    /** Draws the charts over {@code table}, written on {@code sheet} with its header in row 0, stacked right of it. */
    static void draw(XSSFSheet sheet, ReportTable table, List<ChartSpec> charts) {
        int rows = table.rows().size();
        if (rows == 0 || charts.isEmpty()) {
            return;
        }
        XSSFDrawing drawing = sheet.createDrawingPatriarch();
        int left = table.columns().size() + 1;
        int top = 0;
        for (ChartSpec spec : charts) {
            XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, left, top, left + WIDTH_COLS, top + HEIGHT_ROWS);
            chart(drawing.createChart(anchor), sheet, table, spec, rows);
            top += HEIGHT_ROWS + 1;
        }
    }

    private static void chart(XSSFChart chart, XSSFSheet sheet, ReportTable table, ChartSpec spec, int rows) {
        chart.setTitleText(spec.title());
        chart.setTitleOverlay(false);
        if (spec.series().size() > 1) {
            chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
        }
        XDDFCategoryAxis x = chart.createCategoryAxis(AxisPosition.BOTTOM);
        XDDFValueAxis y = chart.createValueAxis(AxisPosition.LEFT);
        y.setCrosses(AxisCrosses.AUTO_ZERO);
        Column first = table.column(spec.series().get(0));
        y.setNumberFormat(axisFormat(first));
        y.getOrAddMajorGridProperties().setLineProperties(lines(new byte[] {(byte) 0xE3, (byte) 0xE8, (byte) 0xEF}, 0.75));

        int cat = index(table, spec.category());
        XDDFDataSource<String> categories = XDDFDataSourcesFactory.fromStringCellRange(sheet,
                new CellRangeAddress(1, rows, cat, cat));
        XDDFChartData data = chart.createData(spec.kind() == ChartSpec.Kind.BAR ? ChartTypes.BAR : ChartTypes.LINE, x, y);
        if (data instanceof XDDFBarChartData bar) {
            bar.setBarDirection(BarDirection.COL);
            bar.setVaryColors(false);
            bar.setGapWidth(60);
        }
        if (data instanceof XDDFLineChartData line) {
            line.setVaryColors(false);
        }
        for (int i = 0; i < spec.series().size(); i++) {
            int c = index(table, spec.series().get(i));
            XDDFNumericalDataSource<Double> values = XDDFDataSourcesFactory.fromNumericCellRange(sheet,
                    new CellRangeAddress(1, rows, c, c));
            XDDFChartData.Series s = data.addSeries(categories, values);
            s.setTitle(table.columns().get(c).label(), new CellReference(sheet.getSheetName(), 0, c, true, true));
            byte[] rgb = COLORS[i % COLORS.length];
            if (s instanceof XDDFLineChartData.Series ls) {
                ls.setSmooth(false);
                ls.setMarkerStyle(MarkerStyle.CIRCLE);
                ls.setShapeProperties(shape(null, lines(rgb, 2.25)));
            } else {
                s.setShapeProperties(shape(rgb, null));
            }
        }
        chart.plot(data);
    }

    private static XDDFShapeProperties shape(byte[] fill, XDDFLineProperties line) {
        XDDFShapeProperties p = new XDDFShapeProperties();
        if (fill != null) {
            p.setFillProperties(new XDDFSolidFillProperties(XDDFColor.from(fill)));
        }
        if (line != null) {
            p.setLineProperties(line);
        }
        return p;
    }

    private static XDDFLineProperties lines(byte[] rgb, double points) {
        XDDFLineProperties l = new XDDFLineProperties(new XDDFSolidFillProperties(XDDFColor.from(rgb)));
        l.setWidth(points);
        return l;
    }

    private static String axisFormat(Column c) {
        String p = Figures.pattern(c.type());
        return p == null ? "General" : p.equals(Figures.PERCENT_PATTERN) ? "0%" : p;
    }

    private static int index(ReportTable t, String key) {
        for (int i = 0; i < t.columns().size(); i++) {
            if (t.columns().get(i).key().equals(key)) {
                return i;
            }
        }
        throw new IllegalArgumentException("chart over table " + t.key() + " names no column " + key);
    }
}
