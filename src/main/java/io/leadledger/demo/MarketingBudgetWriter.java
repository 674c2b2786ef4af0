package io.leadledger.demo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import io.leadledger.demo.MarketingBudget.BudgetRow;
import io.leadledger.demo.MarketingBudget.NoteRow;

/** Writes marketing-budget.xlsx: the spend actuals spreadsheet marketing keeps, byte-stable for a given input. */
final class MarketingBudgetWriter {

    static final String BUDGET_SHEET = "Budget";
    static final String NOTES_SHEET = "Notes";
    static final List<String> HEADER = List.of("Month", "Channel", "Campaign", "Currency", "Amount");

    private static final List<String> NOTES_TEXT = List.of(
            "Marketing spend actuals - notes",
            "",
            "Amounts are actuals as invoiced, in the invoice currency (no FX conversion).",
            "Paid search is not listed here: take it from the Google Ads campaign report.",
            "Trade show totals on the Budget sheet are formulas over the cost breakdown below.",
            "Owner: Priya Raman (Marketing Ops). Please do not insert rows above the table.",
            "");
    /** 1-based sheet row of the breakdown table's header on the Notes sheet. */
    private static final int NOTES_TABLE_HEADER_ROW = NOTES_TEXT.size() + 1;

    /** 1-based row number (on the Notes sheet) of the n-th (0-based) breakdown line, for formulas like SUM(Notes!C9:C12). */
    static int noteRowNumber(int index) {
        return NOTES_TABLE_HEADER_ROW + 1 + index;
    }

    /** @return data rows written on the Budget sheet */
    int write(Path file, MarketingBudget budget, YearMonth lastMonth) throws IOException {
        // saved once after the month was closed, not at the wall-clock time, so the file is reproducible
        Instant stamp = lastMonth.plusMonths(1).atDay(2).atTime(9, 30).toInstant(ZoneOffset.UTC);
        write(file, MarketingBudget.TITLE, budget.lines(), budget.notes(), stamp, SalesTeam.BUDGET_OWNER);
        return budget.lines().size();
    }

    private static void write(Path file, String title, List<BudgetRow> rows, List<NoteRow> notes, Instant stamp,
                              String author) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Font bold = wb.createFont();
            bold.setBold(true);
            Font titleFont = wb.createFont();
            titleFont.setBold(true);
            titleFont.setFontHeightInPoints((short) 14);
            CellStyle titleStyle = wb.createCellStyle();
            titleStyle.setFont(titleFont);
            CellStyle headerStyle = wb.createCellStyle();
            headerStyle.setFont(bold);
            CellStyle monthStyle = wb.createCellStyle();
            monthStyle.setDataFormat(wb.createDataFormat().getFormat("mmm yyyy"));
            CellStyle amountStyle = wb.createCellStyle();
            amountStyle.setDataFormat(wb.createDataFormat().getFormat("#,##0.00"));

            Sheet budget = wb.createSheet(BUDGET_SHEET);
            Cell titleCell = budget.createRow(0).createCell(0);
            titleCell.setCellValue(title);
            titleCell.setCellStyle(titleStyle);
            budget.addMergedRegion(new CellRangeAddress(0, 0, 0, 4));
            Row header = budget.createRow(2);
            for (int c = 0; c < HEADER.size(); c++) {
                Cell cell = header.createCell(c);
                cell.setCellValue(HEADER.get(c));
                cell.setCellStyle(headerStyle);
            }
            int r = 3;
            for (BudgetRow b : rows) {
                Row row = budget.createRow(r++);
                Cell month = row.createCell(0);
                month.setCellValue(b.month());
                month.setCellStyle(monthStyle);
                row.createCell(1).setCellValue(b.channel());
                row.createCell(2).setCellValue(b.campaign());
                row.createCell(3).setCellValue(b.currency());
                Cell amount = row.createCell(4);
                if (b.dirty()) {
                    amount.setCellValue("n/a");
                } else if (b.formula() != null) {
                    amount.setCellFormula(b.formula());
                    amount.setCellStyle(amountStyle);
                } else {
                    amount.setCellValue(b.amount());
                    amount.setCellStyle(amountStyle);
                }
            }
            budget.createFreezePane(0, 3);
            int[] widths = {12, 22, 46, 10, 14};
            for (int c = 0; c < widths.length; c++) {
                budget.setColumnWidth(c, widths[c] * 256);
            }

            Sheet notesSheet = wb.createSheet(NOTES_SHEET);
            for (int i = 0; i < NOTES_TEXT.size(); i++) {
                if (!NOTES_TEXT.get(i).isEmpty()) {
                    Cell cell = notesSheet.createRow(i).createCell(0);
                    cell.setCellValue(NOTES_TEXT.get(i));
                    if (i == 0) {
                        cell.setCellStyle(titleStyle);
                    }
                }
            }
            Row notesHeader = notesSheet.createRow(NOTES_TABLE_HEADER_ROW - 1);
            String[] noteCols = {"Event", "Item", "Amount (EUR)"};
            for (int c = 0; c < noteCols.length; c++) {
                Cell cell = notesHeader.createCell(c);
                cell.setCellValue(noteCols[c]);
                cell.setCellStyle(headerStyle);
            }
            for (int i = 0; i < notes.size(); i++) {
                Row row = notesSheet.createRow(noteRowNumber(i) - 1);
                row.createCell(0).setCellValue(notes.get(i).event());
                row.createCell(1).setCellValue(notes.get(i).item());
                Cell amount = row.createCell(2);
                amount.setCellValue(notes.get(i).amount());
                amount.setCellStyle(amountStyle);
            }
            notesSheet.setColumnWidth(0, 34 * 256);
            notesSheet.setColumnWidth(1, 24 * 256);
            notesSheet.setColumnWidth(2, 14 * 256);

            // importers read the cached results of formulas: compute them now
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();

            POIXMLProperties.CoreProperties core = wb.getProperties().getCoreProperties();
            core.setCreator(author);
            core.setLastModifiedByUser(author);
            core.setTitle(title);
            core.setCreated(Optional.of(Date.from(stamp)));
            core.setModified(Optional.of(Date.from(stamp)));
            wb.write(raw);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(normalizeZip(raw.toByteArray(), LocalDateTime.ofInstant(stamp, ZoneOffset.UTC)));
        }
    }

    /**
     * Re-packs the OOXML zip with fixed entry times (and the original entry order), so the bytes do not depend on
     * the wall clock or the default time zone of the JVM writing them.
     */
    private static byte[] normalizeZip(byte[] zip, LocalDateTime time) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(zip.length);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
             ZipOutputStream zos = new ZipOutputStream(out)) {
            zos.setLevel(6);
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTimeLocal(time);
                zos.putNextEntry(copy);
                in.transferTo(zos);
                zos.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
