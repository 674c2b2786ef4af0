package io.leadledger.report;

import io.leadledger.report.document.Kpi;
import io.leadledger.report.document.ReportDocument;
import io.leadledger.report.document.ValueType;
import io.leadledger.report.pdf.PdfData;
import io.leadledger.report.xlsx.XlsxReportRenderer;
import net.sf.jasperreports.engine.JRDataSource;
import net.sf.jasperreports.engine.design.JRDesignField;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A rate tile changes in percentage points, as the insight sentences do; other tiles in percent. */
class RateTilesTest {

    @TempDir
    Path dir;

    private static ReportDocument doc() {
        // acceptance 30.0% against 32.8%: down 2.8 points (a relative change would say 8.5%)
        // win rate 25.3% against 24.9%: up 0.4 points (relative: 1.6%)
        List<Kpi> kpis = List.of(
                new Kpi("acceptanceRate", "Acceptance rate", new BigDecimal("0.300"), new BigDecimal("0.328"), ValueType.PERCENT),
                new Kpi("winRate", "Win rate", new BigDecimal("0.253"), new BigDecimal("0.249"), ValueType.PERCENT),
                new Kpi("leads", "New leads", new BigDecimal("110"), new BigDecimal("100"), ValueType.INTEGER));
        return new ReportDocument("lead-production", "Lead production", "Acme", YearMonth.of(2026, 10), "USD",
                ZonedDateTime.of(2026, 11, 2, 7, 0, 0, 0, ZoneId.of("UTC")), kpis, Map.of(), List.of());
    }

    @Test
    void pdfTilesShowPointsForRates() throws Exception {
        JRDataSource ds = new PdfData(doc()).kpis();
        JRDesignField change = new JRDesignField();
        change.setName("change");
        change.setValueClass(String.class);
        List<Object> changes = new ArrayList<>();
        while (ds.next()) {
            changes.add(ds.getFieldValue(change));
        }
        assertThat(changes).containsExactly("\u25BC 2.8 pts", "\u25B2 0.4 pts", "\u25B2 10.0%");
    }

    @Test
    void workbookSummaryGivesTheRateChangeInPoints() throws Exception {
        Path f = dir.resolve("tiles.xlsx");
        new XlsxReportRenderer().render(doc(), List.of(), f);
        try (XSSFWorkbook wb = new XSSFWorkbook(f.toFile())) {
            var s = wb.getSheet("Summary");
            Cell acceptance = s.getRow(4).getCell(3);
            assertEquals("Acceptance rate", s.getRow(4).getCell(0).getStringCellValue());
            assertEquals(-2.8, acceptance.getNumericCellValue(), 1e-9);
            assertThat(acceptance.getCellStyle().getDataFormatString()).contains("pts");
            assertEquals(0.4, s.getRow(5).getCell(3).getNumericCellValue(), 1e-9);
            assertEquals(0.1, s.getRow(6).getCell(3).getNumericCellValue(), 1e-9);
        }
    }
}
