package io.leadledger.report.xlsx;

import io.leadledger.report.document.Column;
import io.leadledger.report.document.DetailSheet;
import io.leadledger.report.document.Kpi;
import io.leadledger.report.document.ReportDocument;
import io.leadledger.report.document.ReportTable;
import io.leadledger.report.document.ValueType;
import io.leadledger.report.insights.Insight;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.Deflater;

/**
 * Writes a report as a workbook for analysts: Summary, Insights, one sheet per table (numbers as numbers with
 * formats, frozen header, autofilter, totals as SUM formulas carrying their value, native charts beside the
 * 12-month trends), Definitions, and detail sheets. The small sheets live in a regular workbook (charts need
 * one); the detail sheets are streamed row by row through an SXSSF wrapper, which keeps only a window of rows
 * in memory. Text is always written as a string cell, and text that starts like a formula (= + - @) is also
 * quote-prefixed, so a source value like "=HYPERLINK(...)" stays text even when a user edits the cell.
 */
public class XlsxReportRenderer {

    private static final int WINDOW = 200;

    public void render(ReportDocument doc, List<DetailSheet> details, Path out) {
        try (Draft draft = details(details)) {
            render(doc, draft, out);
        }
    }

    /**
     * A workbook's detail sheets, written before its document exists: they depend on the warehouse alone, so the
     * longest of them can stream while the report's figures are read. {@link #render(ReportDocument, Draft, Path)}
     * puts them after the document's sheets. Closing a draft deletes whatever temp files are left.
     */
    public static final class Draft implements AutoCloseable {
        private final XSSFWorkbook base = new XSSFWorkbook();
        private final Styles st = new Styles(base);
        private final List<DetailSheet> details;
        private final List<DetailSheetWriter> writers = new ArrayList<>();
        private final Duration time;

        private Draft(List<DetailSheet> details) {
            this.details = List.copyOf(details);
            long t = System.nanoTime();
            try {
                for (DetailSheet d : this.details) {
                    DetailSheetWriter w = new DetailSheetWriter();
                    writers.add(w);
                    rows(w, d, st);
                }
            } catch (IOException e) {
                close();
                throw new UncheckedIOException("cannot write a detail sheet", e);
            } catch (RuntimeException | Error e) {
                close();
                throw e;
            }
            this.time = Duration.ofNanos(System.nanoTime() - t);
        }

        /** How long the detail sheets took to stream. */
        public Duration time() {
            return time;
        }

        @Override
        public void close() {
            writers.forEach(DetailSheetWriter::discard);
        }
    }

    /** Streams the detail sheets into a draft of the workbook (see {@link Draft}). */
    public Draft details(List<DetailSheet> details) {
        return new Draft(details);
    }

    /** Writes the document's sheets, then the draft's detail sheets, to {@code out}. */
    public void render(ReportDocument doc, Draft draft, Path out) {
        XSSFWorkbook base = draft.base;
        Styles st = draft.st;
        DetailWorkbook wb = new DetailWorkbook(base, draft.writers);
        try {
            Set<String> names = new HashSet<>();
            summary(base.createSheet(unique(names, "Summary")), doc, st);
            if (!doc.insights().isEmpty()) {
                insights(base.createSheet(unique(names, "Insights")), doc, st);
            }
            for (ReportTable t : doc.tables().values()) {
                XSSFSheet sheet = base.createSheet(unique(names, t.title()));
                table(sheet, t, st);
                XlsxCharts.draw(sheet, t, doc.charts().stream().filter(c -> c.table().equals(t.key())).toList());
            }
            definitions(base.createSheet(unique(names, "Definitions")), doc, st);
            for (DetailSheet d : draft.details) {
                detail(wb, unique(names, d.name()), d);
            }
            Path target = out.toAbsolutePath();
            Files.createDirectories(target.getParent());
            // as for the PDF: a unique temporary file in the same directory, moved atomically, so a reader
            // (the e-mail, a user) never sees half a workbook and two renders never share a temp file
            Path tmp = target.resolveSibling("." + target.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
            try {
                try (OutputStream os = Files.newOutputStream(tmp)) {
                    wb.write(os);
                }
                try {
                    Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp); // left only when the write or the move failed
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        } finally {
            wb.dispose(); // the detail sheets' temp files, written or not
            try {
                wb.close();
            } catch (IOException ignored) {
                // nothing was written to the package itself
            }
        }
    }

    private void summary(Sheet s, ReportDocument doc, Styles st) {
        int r = 0;
        Row title = s.createRow(r++);
        text(title.createCell(0), doc.title() + " — " + doc.tenantName(), st.title);
        text(s.createRow(r++).createCell(0), "Period: " + doc.month() + "   Currency: " + doc.currency()
                + "   Generated: " + doc.generatedAt().toLocalDateTime().withNano(0).toString().replace('T', ' ')
                + " " + doc.generatedAt().getZone(), null);
        r++;
        Row h = s.createRow(r++);
        String[] heads = {"Figure", "This month", "Previous", "Change"};
        for (int i = 0; i < heads.length; i++) {
            text(h.createCell(i), heads[i], st.header);
        }
        int firstKpiRow = r;
        // a rate changes in percentage points, as the PDF tiles and the insight sentences say it
        CellStyle points = s.getWorkbook().createCellStyle();
        points.setDataFormat(s.getWorkbook().createDataFormat().getFormat("+0.0\" pts\";-0.0\" pts\";0.0\" pts\""));
        for (Kpi k : doc.kpis()) {
            Row row = s.createRow(r++);
            text(row.createCell(0), k.label(), null);
            number(row.createCell(1), k.value(), st.of(k.type()));
            number(row.createCell(2), k.previous(), st.of(k.type()));
            if (k.type() == ValueType.PERCENT && k.value() != null && k.previous() != null) {
                Cell c = row.createCell(3);
                int n = row.getRowNum() + 1;
                c.setCellFormula("ROUND((B" + n + "-C" + n + ")*100,1)");
                c.setCellValue(k.value().subtract(k.previous()).movePointRight(2).setScale(1, java.math.RoundingMode.HALF_UP).doubleValue());
                c.setCellStyle(points);
            } else if (k.value() != null && k.previous() != null && k.previous().signum() != 0) {
                Cell c = row.createCell(3);
                String b = "B" + (row.getRowNum() + 1);
                String p = "C" + (row.getRowNum() + 1);
                c.setCellFormula("IF(" + p + "=0,\"\"," + b + "/" + p + "-1)");
                c.setCellValue(k.value().divide(k.previous(), 6, java.math.RoundingMode.HALF_UP).subtract(BigDecimal.ONE).doubleValue());
                c.setCellStyle(st.of(ValueType.PERCENT));
            }
        }
        s.createFreezePane(0, firstKpiRow);
        s.setColumnWidth(0, 36 * 256);
        for (int i = 1; i < 4; i++) {
            s.setColumnWidth(i, 16 * 256);
        }
    }

    private void table(Sheet s, ReportTable t, Styles st) {
        Row h = s.createRow(0);
        List<Column> cols = t.columns();
        for (int i = 0; i < cols.size(); i++) {
            text(h.createCell(i), cols.get(i).label(), st.header);
        }
        int r = 1;
        for (Map<String, Object> row : t.rows()) {
            write(s.createRow(r++), cols, row, st, null);
        }
        if (t.totals() != null) {
            Row tr = s.createRow(r);
            write(tr, cols, t.totals(), st, st.bold);
            for (int i = 0; i < cols.size(); i++) {
                ValueType type = cols.get(i).type();
                Object v = t.totals().get(cols.get(i).key());
                if ((type == ValueType.INTEGER || type == ValueType.MONEY) && v != null && r > 1 && additive(t, cols.get(i), v)) {
                    String col = CellReference.convertNumToColString(i);
                    Cell c = tr.getCell(i);
                    c.setCellFormula("SUM(" + col + "2:" + col + r + ")");
                    c.setCellValue(((Number) v).doubleValue());
                }
            }
        }
        finish(s, cols, r);
    }

    /** A total becomes a SUM formula only when it is the sum of the rows shown. */
    private static boolean additive(ReportTable t, Column c, Object total) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Map<String, Object> row : t.rows()) {
            Object v = row.get(c.key());
            if (v != null) {
                sum = sum.add(new BigDecimal(v.toString()));
            }
        }
        return sum.compareTo(new BigDecimal(total.toString())) == 0;
    }

    /** The insight sentences, then every figure they quote as a typed cell, numbered to match. */
    private void insights(Sheet s, ReportDocument doc, Styles st) {
        int r = 0;
        text(s.createRow(r++).createCell(0), "Insights — " + doc.tenantName() + ", " + doc.month(), st.title);
        text(s.createRow(r++).createCell(0), "Shared by the three reports of the month. Amounts in " + doc.currency()
                + ". The last column names the sheet that holds the rows behind each figure.", null);
        r++;
        String[] heads = {"No.", "Kind", "About", "Insight", "Where to retrace it"};
        Row h = s.createRow(r++);
        for (int i = 0; i < heads.length; i++) {
            text(h.createCell(i), heads[i], st.header);
        }
        int n = 1;
        for (Insight in : doc.insights()) {
            Row row = s.createRow(r++);
            number(row.createCell(0), BigDecimal.valueOf(n++), st.of(ValueType.INTEGER));
            text(row.createCell(1), in.kind().label(), st.wrap);
            if (in.subject() != null) {
                text(row.createCell(2), in.subject(), st.wrap);
            }
            text(row.createCell(3), in.sentence(), st.wrap);
            text(row.createCell(4), in.basis(), st.wrap);
        }
        r++;
        Row fh = s.createRow(r++);
        String[] figureHeads = {"No.", "Kind", "Figure", "Value"};
        for (int i = 0; i < figureHeads.length; i++) {
            text(fh.createCell(i), figureHeads[i], st.header);
        }
        n = 1;
        for (Insight in : doc.insights()) {
            for (Insight.Figure f : in.figures()) {
                Row row = s.createRow(r++);
                number(row.createCell(0), BigDecimal.valueOf(n), st.of(ValueType.INTEGER));
                text(row.createCell(1), in.kind().label(), null);
                text(row.createCell(2), f.label(), null);
                number(row.createCell(3), f.value(), st.of(f.type()));
            }
            n++;
        }
        int[] widths = {6, 10, 30, 100, 60};
        for (int i = 0; i < widths.length; i++) {
            s.setColumnWidth(i, widths[i] * 256);
        }
    }

    private void definitions(Sheet s, ReportDocument doc, Styles st) {
        Row h = s.createRow(0);
        text(h.createCell(0), "Term", st.header);
        text(h.createCell(1), "Definition", st.header);
        int r = 1;
        for (var d : doc.definitions()) {
            Row row = s.createRow(r++);
            text(row.createCell(0), d.term(), st.bold);
            text(row.createCell(1), d.meaning(), st.wrap);
        }
        s.setColumnWidth(0, 28 * 256);
        s.setColumnWidth(1, 110 * 256);
    }

    /** A drafted detail sheet becomes the workbook's next sheet (see {@link DetailSheetWriter}). */
    private void detail(DetailWorkbook wb, String name, DetailSheet d) {
        SXSSFSheet s = wb.createSheet(name);
        DetailSheetWriter w = wb.writerOf(s);
        base(wb, name).setDimensionOverride(new CellRangeAddress(0, w.rows() - 1, 0, d.columns().size() - 1));
        finish(s, d.columns(), Math.max(1, w.rows() - 1));
    }

    /** Every row of the detail sheet, written as it is read from the warehouse. */
    private static void rows(DetailSheetWriter w, DetailSheet d, Styles st) throws IOException {
        List<Column> cols = d.columns();
        ValueType[] types = cols.stream().map(Column::type).toArray(ValueType[]::new);
        int[] numberStyles = new int[types.length];
        for (int i = 0; i < types.length; i++) {
            numberStyles[i] = types[i] == ValueType.TEXT ? 0 : index(st.of(types[i]));
        }
        int guarded = index(st.guarded);
        w.startRow();
        for (int i = 0; i < cols.size(); i++) {
            w.text(i, cols.get(i).label(), index(st.header));
        }
        w.endRow();
        d.rows().accept(values -> {
            try {
                w.startRow();
                for (int i = 0; i < values.length; i++) {
                    Object v = values[i];
                    if (v == null) {
                        w.blank(i); // as a created cell left empty: the column's cells are all there
                    } else if (types[i] == ValueType.TEXT || !(v instanceof Number)) {
                        String t = v.toString();
                        w.text(i, t, looksLikeFormula(t) ? guarded : 0);
                    } else {
                        BigDecimal b = v instanceof BigDecimal x ? x : new BigDecimal(v.toString());
                        w.number(i, b.doubleValue(), numberStyles[i]);
                    }
                }
                w.endRow();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static XSSFSheet base(DetailWorkbook wb, String name) {
        return wb.getXSSFWorkbook().getSheet(name);
    }

    private static int index(CellStyle style) {
        return style.getIndex() & 0xffff;
    }

    private void finish(Sheet s, List<Column> cols, int lastRow) {
        s.createFreezePane(0, 1);
        s.setAutoFilter(new CellRangeAddress(0, lastRow, 0, cols.size() - 1));
        for (int i = 0; i < cols.size(); i++) {
            int width = switch (cols.get(i).type()) {
                case TEXT -> Math.min(48, Math.max(14, cols.get(i).label().length() + 4));
                default -> Math.max(12, Math.min(22, cols.get(i).label().length() + 3));
            };
            s.setColumnWidth(i, width * 256);
        }
    }

    private void write(Row row, List<Column> cols, Map<String, Object> values, Styles st, CellStyle textStyle) {
        for (int i = 0; i < cols.size(); i++) {
            Column c = cols.get(i);
            cell(row.createCell(i), values.get(c.key()), c.type(), st, textStyle);
        }
    }

    private static void cell(Cell cell, Object v, ValueType type, Styles st, CellStyle textStyle) {
        if (v == null) {
            return;
        }
        if (type == ValueType.TEXT || !(v instanceof Number)) {
            String t = v.toString();
            text(cell, t, looksLikeFormula(t) ? (textStyle == null ? st.guarded : st.boldGuarded) : textStyle);
        } else {
            number(cell, v instanceof BigDecimal b ? b : new BigDecimal(v.toString()), textStyle == null ? st.of(type) : st.boldOf(type));
        }
    }

    private static void text(Cell c, String v, CellStyle style) {
        c.setCellValue(v); // always a string cell: never interpreted as a formula
        if (style != null) {
            c.setCellStyle(style);
        }
    }

    /** What a spreadsheet would take for a formula if a user re-entered the cell. */
    static boolean looksLikeFormula(String t) {
        return !t.isEmpty() && "=+-@".indexOf(t.charAt(0)) >= 0;
    }

    private static void number(Cell c, BigDecimal v, CellStyle style) {
        if (v == null) {
            return;
        }
        c.setCellValue(v.doubleValue());
        c.setCellStyle(style);
    }

    /** A valid sheet name (at most 31 characters, cut at a word), distinct ignoring case. */
    private static String unique(Set<String> used, String name) {
        String base = name.replaceAll("[\\[\\]:*?/\\\\]", " ").replaceAll("\\s+", " ").replaceAll("^'|'$", "").trim();
        String n = WorkbookUtil.createSafeSheetName(fit(base, 31));
        for (int i = 2; !used.add(n.toLowerCase(java.util.Locale.ROOT)); i++) {
            n = WorkbookUtil.createSafeSheetName(fit(base, 28) + " " + i);
        }
        return n;
    }

    private static String fit(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int cut = s.lastIndexOf(' ', max);
        return (cut > max / 2 ? s.substring(0, cut) : s.substring(0, max)).trim();
    }

    /**
     * The workbook the detail sheets stream into. Its sheets' data goes through {@link DetailSheetWriter} into
     * uncompressed temp files (read back once, straight away: gzipping them cost more CPU than writing the XML),
     * and the parts are deflated at the fastest level: a year of handed leads is 200+ MB of sheet XML, which took
     * longer to deflate at the default level than to write; the file is about a quarter larger.
     */
    private static final class DetailWorkbook extends SXSSFWorkbook {
        private final Map<SXSSFSheet, DetailSheetWriter> writers = new java.util.IdentityHashMap<>();
        /** The drafted sheets' writers, handed to the detail sheets in order as they are created. */
        private final java.util.Deque<DetailSheetWriter> drafted;
        private DetailSheetWriter created;

        DetailWorkbook(XSSFWorkbook base, List<DetailSheetWriter> drafted) {
            super(base, WINDOW);
            this.drafted = new java.util.ArrayDeque<>(drafted);
            setCompressTempFiles(false);
            // the detail sheets' rows bypass SXSSF's rows: their dimension is set when they are added
            setShouldCalculateSheetDimensions(false);
        }

        @Override
        protected SheetDataWriter createSheetDataWriter() throws IOException {
            created = drafted.isEmpty() ? new DetailSheetWriter() : drafted.poll();
            return created;
        }

        @Override
        public SXSSFSheet createSheet(String name) {
            SXSSFSheet s = super.createSheet(name);
            writers.put(s, created);
            return s;
        }

        DetailSheetWriter writerOf(SXSSFSheet s) {
            return writers.get(s);
        }

        @Override
        protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream stream) {
            ZipArchiveOutputStream zos = super.createArchiveOutputStream(stream);
            zos.setLevel(Deflater.BEST_SPEED);
            return zos;
        }
    }

    /** Cell styles, created once per workbook (Excel limits their number). */
    private static final class Styles {
        final CellStyle title;
        final CellStyle header;
        final CellStyle bold;
        final CellStyle wrap;
        final CellStyle guarded;
        final CellStyle boldGuarded;
        final Map<ValueType, CellStyle> numbers = new EnumMap<>(ValueType.class);
        final Map<ValueType, CellStyle> boldNumbers = new EnumMap<>(ValueType.class);

        Styles(Workbook wb) {
            DataFormat df = wb.createDataFormat();
            Font tf = wb.createFont();
            tf.setBold(true);
            tf.setFontHeightInPoints((short) 14);
            title = wb.createCellStyle();
            title.setFont(tf);
            Font bf = wb.createFont();
            bf.setBold(true);
            header = wb.createCellStyle();
            header.setFont(bf);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            header.setBorderBottom(BorderStyle.THIN);
            header.setWrapText(true);
            bold = wb.createCellStyle();
            bold.setFont(bf);
            wrap = wb.createCellStyle();
            wrap.setWrapText(true);
            wrap.setVerticalAlignment(VerticalAlignment.TOP);
            guarded = wb.createCellStyle();
            guarded.setQuotePrefixed(true);
            boldGuarded = wb.createCellStyle();
            boldGuarded.cloneStyleFrom(bold);
            boldGuarded.setQuotePrefixed(true);
            // in a fixed order, so that a workbook's style indexes are the same from one run to the next
            Map<ValueType, String> formats = new java.util.LinkedHashMap<>();
            formats.put(ValueType.INTEGER, "#,##0");
            formats.put(ValueType.MONEY, "#,##0.00");
            formats.put(ValueType.PERCENT, "0.0%");
            formats.put(ValueType.DECIMAL, "#,##0.0");
            formats.forEach((type, f) -> {
                CellStyle s = wb.createCellStyle();
                s.setDataFormat(df.getFormat(f));
                numbers.put(type, s);
                CellStyle b = wb.createCellStyle();
                b.setDataFormat(df.getFormat(f));
                b.setFont(bf);
                b.setBorderTop(BorderStyle.THIN);
                boldNumbers.put(type, b);
            });
        }

        CellStyle of(ValueType t) {
            return numbers.get(t);
        }

        CellStyle boldOf(ValueType t) {
            return boldNumbers.get(t);
        }
    }
}
