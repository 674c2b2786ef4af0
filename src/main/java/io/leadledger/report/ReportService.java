package io.leadledger.report;

import io.leadledger.jobs.Workspace;
import io.leadledger.report.document.Definition;
import io.leadledger.report.document.DetailSheet;
import io.leadledger.report.document.ReportDocument;
import io.leadledger.report.document.ReportTable;
import io.leadledger.report.figures.AppendixSection;
import io.leadledger.report.figures.CoverageQueries;
import io.leadledger.report.figures.CoverageSection;
import io.leadledger.report.figures.DetailQueries;
import io.leadledger.report.insights.InsightSet;
import io.leadledger.report.insights.InsightsSection;
import io.leadledger.report.pdf.PaperSize;
import io.leadledger.report.pdf.PdfReportRenderer;
import io.leadledger.report.xlsx.XlsxReportRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Builds the monthly reports from the marts and writes each as PDF and/or XLSX into
 * {@code <out>/<tenant>/<month>/<report>-<month>.<ext>}. Both formats render the same ReportDocument.
 *
 * <p>The work of one month runs on the {@link ReportExecutor}'s threads ({@code leadledger.reports.threads}, default 2): each
 * report's figures, its XLSX detail sheets (which need the warehouse only, not the figures), the shared insights
 * and appendix, the PDF templates' compilation, and then each file are tasks, so that one core streams the long
 * detail sheet while the other reads the figures. Each task reads the warehouse on a connection of its own,
 * outside any transaction of the caller: reports only read.
 */
@Service
public class ReportService {

    private static final Logger log = LoggerFactory.getLogger(ReportService.class);

    private final MonthlyReports monthlyReports;
    private final AppendixSection appendix;
    private final InsightsSection insights;
    private final DetailQueries details;
    private final CoverageQueries coverage;
    private final ReportExecutor executor;
    private final Clock clock;
    private final XlsxReportRenderer xlsx = new XlsxReportRenderer();
    private PdfReportRenderer pdf;
    private Path pdfTemplates;

    public ReportService(MonthlyReports monthlyReports,
                         AppendixSection appendix, InsightsSection insights, DetailQueries details,
                         CoverageQueries coverage, ReportExecutor executor, Clock clock) {
        this.clock = clock;
        this.monthlyReports = monthlyReports;
        this.appendix = appendix;
        this.insights = insights;
        this.details = details;
        this.coverage = coverage;
        this.executor = executor;
    }

    /** One file written, and how long it took from its start (its figures were built before). */
    public record WrittenFile(String report, String format, Path file, Duration time) {
    }

    /** What {@link #render} wrote, in report order (PDF before XLSX), and when the documents were ready. */
    public record Rendering(Duration documents, List<WrittenFile> files) {
        public List<Path> paths() {
            return files.stream().map(WrittenFile::file).toList();
        }
    }

    /** The documents of the month; all share one set of insights, their source tables and the appendix. */
    public List<ReportDocument> build(Workspace ws, YearMonth month, List<String> reports) {
        try (ReportExecutor.Run pool = executor.open()) {
            Map<String, CompletableFuture<ReportDocument>> docs = documents(ws, context(ws, month), reports, pool, id -> { });
            return reports.stream().map(id -> join(docs.get(id))).toList();
        }
    }

    public List<Path> generate(Workspace ws, YearMonth month, Path outDir, List<String> formats) {
        return render(ws, month, outDir, formats).paths();
    }

    /** As {@link #generate}, with each file's time. */
    public Rendering render(Workspace ws, YearMonth month, Path outDir, List<String> formats) {
        Path dir = outDir.resolve(ws.tenant().id()).resolve(month.toString());
        List<String> reports = ws.reports().reports();
        PaperSize paper = PaperSize.of(ws.reports().paperSize());
        long t0 = System.nanoTime();
        ReportExecutor.Run pool = executor.open();
        Map<String, CompletableFuture<XlsxReportRenderer.Draft>> drafts = new LinkedHashMap<>();
        try {
            ReportContext ctx = context(ws, month);
            // each report's detail sheets depend on the warehouse alone: they stream while the figures are read
            Map<String, CompletableFuture<ReportDocument>> docs = documents(ws, ctx, reports, pool, id -> {
                if (formats.contains("xlsx")) {
                    drafts.put(id, async(pool, () -> xlsx.details(detailSheets(id, ctx))));
                }
            });
            // compiled on first use only; needed once the documents are
            CompletableFuture<PdfReportRenderer> templates = formats.contains("pdf")
                    ? async(pool, () -> pdfRenderer().prepare(reports, paper)) : CompletableFuture.completedFuture(null);
            CompletableFuture<Duration> built = CompletableFuture.allOf(docs.values().toArray(CompletableFuture[]::new))
                    .thenApply(x -> Duration.ofNanos(System.nanoTime() - t0));
            built.thenAccept(d -> log.info("{} documents built in {} ms", month, d.toMillis()));
            List<CompletableFuture<WrittenFile>> files = new ArrayList<>();
            for (String id : monthlyReports.startOrder(reports).stream().map(MonthlyReport::id).toList()) {
                String base = id + "-" + month;
                CompletableFuture<ReportDocument> doc = docs.get(id);
                if (formats.contains("xlsx")) {
                    Path f = dir.resolve(base + ".xlsx");
                    files.add(doc.thenCombineAsync(drafts.get(id), (d, draft) -> {
                        try (draft) {
                            // the file's time: its detail sheets streaming, then the workbook written around them
                            return timed(id, "xlsx", f, draft.time(), () -> xlsx.render(d, draft, f));
                        }
                    }, pool));
                }
                if (formats.contains("pdf")) {
                    Path f = dir.resolve(base + ".pdf");
                    files.add(doc.thenCombineAsync(templates, (d, r) -> timed(id, "pdf", f, Duration.ZERO, () -> r.render(d, f, paper)), pool));
                }
            }
            List<WrittenFile> written = files.stream().map(ReportService::join)
                    .sorted(java.util.Comparator.comparing((WrittenFile w) -> reports.indexOf(w.report()))
                            .thenComparing(w -> formats.indexOf(w.format())))
                    .toList();
            return new Rendering(join(built), written);
        } finally {
            pool.close(); // after a failure: waits for this call's running tasks, drops those not started
            // a draft whose workbook was never written (another task failed) still has its temp files
            drafts.values().forEach(d -> {
                XlsxReportRenderer.Draft draft = d.getNow(null);
                if (draft != null) {
                    draft.close();
                }
            });
        }
    }

    /** Writes the file; its time is what the write took plus {@code before} (work done for it earlier). */
    private static WrittenFile timed(String id, String format, Path file, Duration before, Runnable write) {
        long t = System.nanoTime();
        write.run();
        Duration d = Duration.ofNanos(System.nanoTime() - t).plus(before);
        log.info("{}: {} in {} ms", id, file.toAbsolutePath(), d.toMillis());
        return new WrittenFile(id, format, file, d);
    }

    /**
     * Each report's own figures, and the insights and appendix they share, as tasks; the report that reads the
     * most rows ({@link MonthlyReport#readsMost}) starts first.
     */
    private Map<String, CompletableFuture<ReportDocument>> documents(Workspace ws, ReportContext ctx, List<String> reports,
                                                                     Executor pool, Consumer<String> started) {
        List<MonthlyReport> order = monthlyReports.startOrder(reports); // an unknown report fails before any work starts
        Map<String, CompletableFuture<ReportDocument>> own = new LinkedHashMap<>();
        MonthlyReport first = order.get(0);
        own.put(first.id(), async(pool, () -> logged(first.id(), () -> first.build(ctx))));
        started.accept(first.id());
        CompletableFuture<InsightSet> found = async(pool,
                () -> logged("insights", () -> insights.build(ctx, ws.reports().insightsMinSpend())));
        CompletableFuture<Map<String, ReportTable>> audit = async(pool,
                () -> logged("appendix", () -> appendix.build(ws.tenant().id())));
        for (MonthlyReport r : order.subList(1, order.size())) {
            own.put(r.id(), async(pool, () -> logged(r.id(), () -> r.build(ctx))));
            started.accept(r.id());
        }
        CompletableFuture<InsightSet> shared = found.thenCombine(audit, (f, a) -> {
            Map<String, ReportTable> tables = new LinkedHashMap<>(f.tables());
            tables.putAll(a);
            tables.putAll(CoverageSection.tables(ctx));
            List<Definition> defs = new ArrayList<>(f.definitions());
            defs.add(CoverageSection.definition());
            return new InsightSet(f.insights(), List.copyOf(defs), tables);
        });
        Map<String, CompletableFuture<ReportDocument>> docs = new LinkedHashMap<>();
        for (String id : reports) {
            docs.put(id, own.get(id).thenCombine(shared,
                    (doc, s) -> doc.withShared(s.tables(), s.insights(), s.definitions())));
        }
        return docs;
    }

    private static <T> T logged(String what, Supplier<T> task) {
        long t = System.nanoTime();
        T result = task.get();
        log.debug("{} figures in {} ms", what, (System.nanoTime() - t) / 1_000_000);
        return result;
    }

    private ReportContext context(Workspace ws, YearMonth month) {
        return new ReportContext(ws.tenant(), month, ZonedDateTime.now(clock.withZone(ws.tenant().zone())).withNano(0),
                coverage.of(ws.tenant().id(), month));
    }

    /** Every workbook ends with the unmatched deals and leads its appendix counts, for whoever fixes the links. */
    private List<DetailSheet> detailSheets(String id, ReportContext ctx) {
        List<DetailSheet> sheets = new ArrayList<>(monthlyReports.get(id).detailSheets(ctx));
        sheets.add(details.unmatchedDeals(ctx));
        sheets.add(details.unmatchedLeads(ctx));
        return sheets;
    }

    /** Templates from ./report-templates when present (users edit them), else those packed in the jar. */
    private synchronized PdfReportRenderer pdfRenderer() {
        Path dir = Files.isDirectory(Path.of("report-templates")) ? Path.of("report-templates") : null;
        if (pdf == null || !Objects.equals(dir, pdfTemplates)) {
            pdf = new PdfReportRenderer(dir);
            pdfTemplates = dir;
        }
        return pdf;
    }

    private static <T> CompletableFuture<T> async(Executor pool, Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, pool);
    }

    /** The task's result, or its own exception (a failed report fails the call as it did on one thread). */
    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the reports", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause() instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }
}
