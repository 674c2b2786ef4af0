package io.leadledger.extract;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of one sheet of a workbook (by name, or 1-based index; the first sheet by default). Header row
 * anywhere, merged header cells take the merged value, formulas read as their cached values, date
 * cells as ISO dates. Budget sheets are small; very large sheets are better exported as CSV.
 */
public final class XlsxRecordSource implements RecordSource {

    private final Path file;
    private final OPCPackage pkg;
    private final XSSFWorkbook workbook;
    private final Sheet sheet;
    private final Header header;
    private int nextRow;

    public XlsxRecordSource(Path file, String sheetName, int headerRow) {
        this.file = file;
        try {
            this.pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
            this.workbook = new XSSFWorkbook(pkg);
        } catch (Exception e) {
            throw new SourceFormatException(file + ": not a readable XLSX workbook: " + e.getMessage(), e);
        }
        this.sheet = pickSheet(sheetName);
        Row h = sheet.getRow(headerRow - 1);
        if (h == null) {
            close();
            throw new SourceFormatException(file + " sheet '" + sheet.getSheetName() + "': no header on row " + headerRow);
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < h.getLastCellNum(); c++) {
            names.add(mergedValue(headerRow - 1, c));
        }
        this.header = Header.of(names);
        this.nextRow = headerRow;
    }

    private Sheet pickSheet(String name) {
        if (name == null || name.isBlank()) {
            return workbook.getSheetAt(0);
        }
        Sheet s = workbook.getSheet(name);
        if (s == null && name.matches("\\d+")) {
            int i = Integer.parseInt(name) - 1;
            if (i >= 0 && i < workbook.getNumberOfSheets()) {
                s = workbook.getSheetAt(i);
            }
        }
        if (s == null) {
            List<String> names = new ArrayList<>();
            workbook.forEach(sh -> names.add(sh.getSheetName()));
            close();
            throw new SourceFormatException(file + ": no sheet '" + name + "' (sheets: " + String.join(", ", names) + ")");
        }
        return s;
    }

    private String mergedValue(int row, int col) {
        for (CellRangeAddress r : sheet.getMergedRegions()) {
            if (r.isInRange(row, col)) {
                Row first = sheet.getRow(r.getFirstRow());
                return first == null ? "" : text(first.getCell(r.getFirstColumn()));
            }
        }
        Row rr = sheet.getRow(row);
        return rr == null ? "" : text(rr.getCell(col));
    }

    @Override
    public String location() {
        return file + "#" + sheet.getSheetName();
    }

    @Override
    public Header header() {
        return header;
    }

    @Override
    public RawRecord next() {
        while (nextRow <= sheet.getLastRowNum()) {
            Row row = sheet.getRow(nextRow++);
            if (row == null) {
                continue;
            }
            int width = Math.max(header.names().size(), row.getLastCellNum());
            String[] cells = new String[Math.max(width, 0)];
            boolean any = false;
            for (int c = 0; c < cells.length; c++) {
                cells[c] = text(row.getCell(c));
                any |= !cells[c].isBlank();
            }
            if (any) {
                return new RawRecord(location(), row.getRowNum() + 1L, header, cells);
            }
        }
        return null;
    }

    static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case STRING -> cell.getStringCellValue();
            case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
            case NUMERIC -> {
                if (DateUtil.isCellDateFormatted(cell)) {
                    LocalDateTime t = cell.getLocalDateTimeCellValue();
                    yield t.toLocalTime().toSecondOfDay() == 0 ? t.toLocalDate().toString() : t.toString();
                }
                yield BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString();
            }
            case ERROR -> "#ERROR";
            default -> "";
        };
    }

    @Override
    public void close() {
        try {
            pkg.revert(); // read-only: never write back to the user's file
            workbook.close();
        } catch (IOException | RuntimeException ignored) {
            // nothing to release beyond the file handle
        }
    }
}
