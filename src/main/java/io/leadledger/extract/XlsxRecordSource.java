package io.leadledger.extract;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Rows of one sheet of a workbook (by name, or 1-based index; the first sheet by default), streamed: the sheet
 * XML is parsed as it is read ({@link SheetRows}), so a 200k-row sheet needs no more memory than a small one,
 * beyond the workbook's shared-string table ({@link SharedStringList}), which is held in memory. Formulas read
 * as their cached values, numbers plain and dates ISO ({@link PlainCellFormatter}); blank rows are skipped.
 * <p>
 * Merged cells are not resolved (the merge list comes after the rows in the sheet XML). Excel keeps a merged
 * value in the first cell only, so a header merged across two columns names the first column and leaves the
 * second empty, and a merged title above the header is just a title row. A header cell merged down into the
 * header row from the row above reads empty: put such headers on one row, or point headerRow at the upper one.
 */
public final class XlsxRecordSource implements RecordSource {

    private OPCPackage pkg;
    private SheetRows rows;
    private String location;
    private final Header header;
    private boolean closed;

    public XlsxRecordSource(Path file, String sheetName, int headerRow) {
        this.location = file.toString();
        try {
            this.pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
            XSSFReader reader = new XSSFReader(pkg);
            WorkbookSheets.Sheet sheet = WorkbookSheets.pick(reader, sheetName, file.toString());
            this.location = file + "#" + sheet.name();
            StylesTable styles = reader.getStylesTable();
            this.rows = new SheetRows(location, sheet.part().getInputStream(),
                    styles != null ? styles : new StylesTable(), SharedStringList.of(pkg),
                    new PlainCellFormatter(WorkbookSheets.usesDate1904(reader)));
            this.header = readHeader(headerRow);
        } catch (SourceFormatException e) {
            close();
            throw e;
        } catch (Exception e) {
            close();
            throw new SourceFormatException(file + ": " + whatIsWrong(file));
        }
    }

    /** One sentence on why a file is not a workbook we can read, from its first bytes (never echoing them). */
    static String whatIsWrong(Path file) {
        byte[] head;
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            head = in.readNBytes(8);
        } catch (java.io.IOException e) {
            return "cannot be read (" + e.getClass().getSimpleName() + ")";
        }
        if (head.length >= 4 && (head[0] & 0xFF) == 0xD0 && (head[1] & 0xFF) == 0xCF && (head[2] & 0xFF) == 0x11
                && (head[3] & 0xFF) == 0xE0) {
            return "is a password-protected workbook or an old-format .xls file; save it as an unprotected .xlsx";
        }
        if (head.length >= 2 && head[0] == 'P' && head[1] == 'K') {
            return "is a zip file but not a readable XLSX workbook (damaged, or another kind of document)";
        }
        return "is not an XLSX workbook";
    }

    /** Title rows above the header are passed over; the header must be on headerRow itself. */
    private Header readHeader(int headerRow) {
        SheetRows.Row row = rows.next();
        while (row != null && row.number() < headerRow) {
            row = rows.next();
        }
        if (row == null || row.number() != headerRow) {
            throw new SourceFormatException(location + ": no header on row " + headerRow
                    + (row == null ? " (no rows from there on)" : " (the row is empty)"));
        }
        return Header.of(Arrays.asList(row.cells()));
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public Header header() {
        return header;
    }

    @Override
    public RawRecord next() {
        SheetRows.Row row = rows.next();
        if (row == null) {
            return null;
        }
        String[] cells = row.cells();
        int width = header.names().size();
        if (cells.length < width) {
            int from = cells.length;
            cells = Arrays.copyOf(cells, width);
            Arrays.fill(cells, from, width, "");
        }
        return new RawRecord(location, row.number(), header, cells);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (rows != null) {
            rows.close(); // first: the parse thread reads from the package
        }
        if (pkg != null) {
            try {
                pkg.revert(); // read-only: never write back to the user's file
            } catch (RuntimeException ignored) {
                // nothing else to release
            }
        }
    }
}
