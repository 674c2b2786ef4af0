package io.leadledger.report.pdf;

import java.awt.BasicStroke;
import java.awt.Color;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

import io.leadledger.report.Figures;
import net.sf.jasperreports.charts.JRChart;
import net.sf.jasperreports.charts.JRChartCustomizer;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;

/**
 * Flat, quiet chart styling for the PDF templates (named by {@code customizerClass} on each chart): white
 * background, light horizontal grid only, flat bars without shadows, thicker lines, value labels in the
 * report's integer format, long category names wrapped on two lines; line charts show their values when the
 * chart element has the property {@value #ITEM_LABELS} = true. Fonts are left as the template set
 * them (DejaVu Sans from the fonts extension).
 */
public class ChartStyler implements JRChartCustomizer {

    /** Element property: "true" shows the value above each point of a line chart. */
    public static final String ITEM_LABELS = "io.leadledger.chart.item.labels";

    private static final Color GRID = new Color(0xE3, 0xE8, 0xEF);
    private static final Color AXIS = new Color(0x9A, 0xA5, 0xB1);

    @Override
    public void customize(JFreeChart chart, JRChart jasperChart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setBorderVisible(false);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        if (chart.getLegend() != null) {
            chart.getLegend().setFrame(BlockBorder.NONE);
            chart.getLegend().setBackgroundPaint(Color.WHITE);
            chart.getLegend().setItemLabelPadding(new RectangleInsets(2, 2, 2, 10));
        }
        if (!(chart.getPlot() instanceof CategoryPlot plot)) {
            return;
        }
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(true);
        plot.setRangeGridlinePaint(GRID);
        plot.setRangeGridlineStroke(new BasicStroke(0.75f));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setInsets(new RectangleInsets(4, 4, 4, 12));

        boolean horizontal = plot.getOrientation() == PlotOrientation.HORIZONTAL;
        // value axis below the bars (JFreeChart puts it on top for horizontal bars)
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        CategoryAxis categories = plot.getDomainAxis();
        if (categories != null) {
            categories.setAxisLinePaint(AXIS);
            categories.setTickMarksVisible(false);
            categories.setMaximumCategoryLabelLines(2);
            categories.setCategoryMargin(horizontal ? 0.25 : 0.15);
            categories.setLowerMargin(0.02);
            categories.setUpperMargin(0.02);
            if (horizontal) {
                categories.setMaximumCategoryLabelWidthRatio(0.28f);
            }
        }
        ValueAxis values = plot.getRangeAxis();
        if (values != null) {
            values.setAxisLineVisible(false);
            values.setTickMarksVisible(false);
            values.setUpperMargin(0.12);
            if (values instanceof NumberAxis n) {
                n.setNumberFormatOverride(format());
                n.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.US));
            }
        }

        CategoryItemRenderer r = plot.getRenderer();
        hideEmptySeries(plot, r);
        if (r instanceof BarRenderer bar) {
            bar.setBarPainter(new StandardBarPainter());
            bar.setShadowVisible(false);
            bar.setDrawBarOutline(false);
            bar.setItemMargin(0.04);
            bar.setMaximumBarWidth(horizontal ? 0.09 : 0.07);
            if (!(r instanceof StackedBarRenderer)) {
                bar.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", format()));
                bar.setDefaultPositiveItemLabelPosition(horizontal
                        ? new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT)
                        : new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));
                bar.setItemLabelAnchorOffset(4);
            }
        } else if (r instanceof LineAndShapeRenderer line) {
            int series = plot.getDataset() == null ? 0 : plot.getDataset().getRowCount();
            for (int i = 0; i < series; i++) {
                line.setSeriesStroke(i, new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                line.setSeriesShapesVisible(i, true);
            }
            if (Boolean.parseBoolean(property(jasperChart, ITEM_LABELS))) {
                line.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", format()));
                line.setDefaultItemLabelsVisible(true);
                line.setDefaultPositiveItemLabelPosition(
                        new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));
                line.setItemLabelAnchorOffset(5);
                if (values != null) {
                    values.setUpperMargin(0.2);  // room for the label above the highest point
                }
                if (values != null) {
                    // the template's tick font is DejaVu Sans from the fonts extension: reuse it, never a system font
                    line.setDefaultItemLabelFont(values.getTickLabelFont());
                    line.setDefaultItemLabelPaint(values.getTickLabelPaint());
                }
            }
        }
    }

    private static String property(JRChart chart, String name) {
        return chart.getPropertiesMap() == null ? null : chart.getPropertiesMap().getProperty(name);
    }

    private static DecimalFormat format() {
        return new DecimalFormat(Figures.INTEGER_PATTERN, DecimalFormatSymbols.getInstance(Locale.US));
    }

    /** A series with no value at all (a figure whose input was not supplied) is neither drawn nor in the legend. */
    private static void hideEmptySeries(CategoryPlot plot, CategoryItemRenderer r) {
        org.jfree.data.category.CategoryDataset d = plot.getDataset();
        if (d == null || r == null) {
            return;
        }
        for (int i = 0; i < d.getRowCount(); i++) {
            boolean any = false;
            for (int j = 0; j < d.getColumnCount() && !any; j++) {
                any = d.getValue(i, j) != null;
            }
            if (!any) {
                r.setSeriesVisible(i, false);
                r.setSeriesVisibleInLegend(i, false);
            }
        }
    }
}
