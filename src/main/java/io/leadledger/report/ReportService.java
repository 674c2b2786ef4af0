package io.leadledger.report;

import io.leadledger.jobs.Workspace;
import io.leadledger.report.pdf.PaperSize;
import io.leadledger.report.pdf.PdfReportRenderer;
import io.leadledger.report.xlsx.XlsxReportRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the monthly reports from the marts and writes each as PDF and/or XLSX into
 * {@code <out>/<tenant>/<month>/<report>-<month>.<ext>}. Both formats render the same ReportDocument.
 */
@Service
public class ReportService {

    private static final Logger log = LoggerFactory.getLogger(ReportService.class);

    private final LeadProductionReport leadProduction;
    private final SalesPerformanceReport salesPerformance;
    private final RoiReport roi;
    private final AppendixSection appendix;
    private final InsightsSection insights;
    private final DetailQueries details;
    private final XlsxReportRenderer xlsx = new XlsxReportRenderer();
    private PdfReportRenderer pdf;
    private Path pdfTemplates;

    public ReportService(LeadProductionReport leadProduction, SalesPerformanceReport salesPerformance, RoiReport roi,
                         AppendixSection appendix, InsightsSection insights, DetailQueries details) {
        this.leadProduction = leadProduction;
        this.salesPerformance = salesPerformance;
        this.roi = roi;
        this.appendix = appendix;
        this.insights = insights;
        this.details = details;
    }

    /** The documents of the month; all share one set of insights, their source tables and the appendix. */
    public List<ReportDocument> build(Workspace ws, YearMonth month, List<String> reports) {
        ReportContext ctx = new ReportContext(ws.tenant(), month, ZonedDateTime.now(ws.tenant().zone()).withNano(0));
        InsightSet found = insights.build(ctx, ws.reports().insightsMinSpend());
        Map<String, ReportTable> shared = new LinkedHashMap<>(found.tables());
        shared.putAll(appendix.build(ws.tenant().id()));
        List<ReportDocument> docs = new ArrayList<>();
        for (String id : reports) {
            ReportDocument doc = switch (id) {
                case LeadProductionReport.ID -> leadProduction.build(ctx, shared);
                case SalesPerformanceReport.ID -> salesPerformance.build(ctx, shared);
                case RoiReport.ID -> roi.build(ctx, shared);
                default -> throw new IllegalArgumentException("unknown report '" + id + "'");
            };
            docs.add(doc.withInsights(found.insights(), found.definitions()));
        }
        return docs;
    }

    public List<Path> generate(Workspace ws, YearMonth month, Path outDir, List<String> formats) {
        Path dir = outDir.resolve(ws.tenant().id()).resolve(month.toString());
        List<Path> written = new ArrayList<>();
        long t0 = System.nanoTime();
        List<ReportDocument> docs = build(ws, month, ws.reports().reports());
        log.info("{} documents built in {} ms", month, (System.nanoTime() - t0) / 1_000_000);
        for (ReportDocument doc : docs) {
            ReportContext ctx = new ReportContext(ws.tenant(), month, doc.generatedAt());
            String base = doc.id() + "-" + month;
            long t1 = System.nanoTime();
            if (formats.contains("pdf")) {
                Path f = dir.resolve(base + ".pdf");
                pdfRenderer().render(doc, f, PaperSize.of(ws.reports().paperSize()));
                written.add(f);
            }
            long t2 = System.nanoTime();
            if (formats.contains("xlsx")) {
                Path f = dir.resolve(base + ".xlsx");
                xlsx.render(doc, detailSheets(doc.id(), ctx), f);
                written.add(f);
            }
            log.info("{} {}: {} (PDF {} ms, XLSX {} ms)", doc.id(), month, dir.toAbsolutePath(),
                    (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
        }
        return written;
    }

    /** Every workbook ends with the unmatched deals and leads its appendix counts, for whoever fixes the links. */
    private List<DetailSheet> detailSheets(String id, ReportContext ctx) {
        List<DetailSheet> sheets = new ArrayList<>(switch (id) {
            case LeadProductionReport.ID -> List.of(details.leadsCreated(ctx),
                    details.spendRows(ctx, ctx.month(), ctx.month(), "Spend rows (month)"), details.spend(ctx));
            case SalesPerformanceReport.ID -> List.of(details.leadsHanded(ctx));
            default -> List.of(details.dealsWon(ctx), details.attribution(ctx), details.spend(ctx),
                    details.spendRows(ctx, ctx.month().minusMonths(11), ctx.month(), "Spend rows (12 mo)"));
        });
        sheets.add(details.unmatchedDeals(ctx));
        sheets.add(details.unmatchedLeads(ctx));
        return sheets;
    }

    /** Templates from ./report-templates when present (users edit them), else those packed in the jar. */
    private synchronized PdfReportRenderer pdfRenderer() {
        Path dir = Files.isDirectory(Path.of("report-templates")) ? Path.of("report-templates") : null;
        if (pdf == null || !java.util.Objects.equals(dir, pdfTemplates)) {
            pdf = new PdfReportRenderer(dir);
            pdfTemplates = dir;
        }
        return pdf;
    }
}
