package io.leadledger.report.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.leadledger.report.document.ReportDocument;
import net.sf.jasperreports.engine.JREmptyDataSource;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.SimpleJasperReportsContext;
import net.sf.jasperreports.engine.design.JasperDesign;
import net.sf.jasperreports.engine.xml.JRXmlLoader;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import net.sf.jasperreports.pdf.JRPdfExporter;
import net.sf.jasperreports.pdf.SimplePdfExporterConfiguration;
import org.springframework.core.NestedExceptionUtils;

/**
 * Renders a {@link ReportDocument} to PDF with the JasperReports template {@code <report id>.jrxml}.
 *
 * <p>Templates come from {@code templatesDir} when it holds the file, else from the classpath
 * ({@code report-templates/<id>.jrxml}, packed into the jar). Each template is compiled once per renderer
 * and cached. A template pulls in a shared subreport by declaring a parameter {@code <NAME>_REPORT} of class
 * {@link JasperReport}: the renderer compiles {@code <name>.jrxml} ({@code _} becomes {@code -}, lower case)
 * and passes it in, so no {@code .jasper} file is ever read from disk.
 *
 * <p>Parameters every template receives: {@code DATA} ({@link PdfData}, the tables, KPIs and definitions),
 * {@code REPORT_TITLE}, {@code TENANT}, {@code PERIOD} ("October 2026"), {@code PREVIOUS_PERIOD},
 * {@code GENERATED} ("2026-11-02 08:15 CET"), {@code CURRENCY} and REPORT_LOCALE (en-US).
 *
 * <p>Thread-safe: the template cache is the only state, and a compiled report can be filled concurrently.
 */
public class PdfReportRenderer {

    private static final Pattern TEMPLATE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final String SUBREPORT_SUFFIX = "_REPORT";
    private static final DateTimeFormatter PERIOD = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.US);
    private static final DateTimeFormatter SHORT_PERIOD = DateTimeFormatter.ofPattern("MMM yyyy", Locale.US);
    private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.US);

    private final Path templatesDir;
    private final SimpleJasperReportsContext context;
    private final Map<String, JasperReport> compiled = new ConcurrentHashMap<>();

    /**
     * @param templatesDir a directory holding {@code <report id>.jrxml} (and shared subreports); null, or a
     *                     directory without the file, falls back to the templates packed in the jar
     */
    public PdfReportRenderer(Path templatesDir) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        this.templatesDir = templatesDir;
        this.context = new SimpleJasperReportsContext();
        // anything a template forgets to give a font gets DejaVu Sans (embedded from jasperreports-fonts),
        // never a system font; a missing font is an error rather than a silent substitution
        context.setProperty("net.sf.jasperreports.default.font.name", "DejaVu Sans");
        context.setProperty("net.sf.jasperreports.awt.ignore.missing.font", "false");
        context.setProperty("net.sf.jasperreports.default.pdf.embedded", "true");
        context.setProperty("net.sf.jasperreports.default.pdf.encoding", "Identity-H");
    }

    /**
     * Renders the document to {@code outFile} (parent directories are created; an existing file is replaced
     * only once the new PDF is complete).
     *
     * @throws PdfRenderException when the template is missing or invalid, or filling or writing fails
     */
    public void render(ReportDocument doc, Path outFile) {
        render(doc, outFile, PaperSize.A4);
    }

    /** As {@link #render(ReportDocument, Path)}, on the given paper. */
    public void render(ReportDocument doc, Path outFile, PaperSize paper) {
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(outFile, "outFile");
        String id = doc.id();
        JasperReport main = template(id, paper);
        Map<String, Object> params = parameters(doc, main);

        JasperPrint print;
        try {
            print = JasperFillManager.getInstance(context).fill(main, params, new JREmptyDataSource(1));
        } catch (JRException | RuntimeException e) {
            throw new PdfRenderException("Could not fill PDF report '" + id + "': " + rootMessage(e), e);
        }
        write(doc, print, outFile);
    }

    private Map<String, Object> parameters(ReportDocument doc, JasperReport main) {
        Map<String, Object> params = new HashMap<>();
        params.put(JRParameter.REPORT_LOCALE, Locale.US);
        ZonedDateTime generatedAt = doc.generatedAt();
        params.put(JRParameter.REPORT_TIME_ZONE, TimeZone.getTimeZone(generatedAt == null ? ZoneOffset.UTC : generatedAt.getZone()));
        params.put("DATA", new PdfData(doc));
        params.put("REPORT_TITLE", doc.title() == null ? id(doc) : doc.title());
        params.put("TENANT", doc.tenantName() == null ? "" : doc.tenantName());
        params.put("PERIOD", doc.month() == null ? "" : PERIOD.format(doc.month()));
        params.put("PREVIOUS_PERIOD", doc.month() == null ? "" : SHORT_PERIOD.format(doc.month().minusMonths(1)));
        params.put("GENERATED", generatedAt == null ? "" : GENERATED.format(generatedAt));
        params.put("CURRENCY", doc.currency() == null ? "" : doc.currency());
        for (JRParameter p : main.getParameters()) {
            String sub = subreportName(p);
            if (sub != null) {
                params.put(p.getName(), template(sub));
            }
        }
        return params;
    }

    private static String id(ReportDocument doc) {
        return doc.id() == null ? "" : doc.id();
    }

    private void write(ReportDocument doc, JasperPrint print, Path outFile) {
        Path target = outFile.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
            JRPdfExporter exporter = new JRPdfExporter(context);
            exporter.setExporterInput(new SimpleExporterInput(print));
            SimplePdfExporterConfiguration cfg = new SimplePdfExporterConfiguration();
            cfg.setCompressed(true);
            String title = doc.title() == null ? id(doc) : doc.title();
            cfg.setMetadataTitle(doc.month() == null ? title : title + " \u2013 " + PERIOD.format(doc.month()));
            cfg.setMetadataAuthor(doc.tenantName());
            cfg.setMetadataCreator("Leadledger");
            cfg.setDisplayMetadataTitle(true);
            exporter.setConfiguration(cfg);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
                exporter.exportReport();
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException | JRException | RuntimeException e) {
            throw new PdfRenderException("Could not write PDF report '" + id(doc) + "' to " + target + ": "
                    + rootMessage(e), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    /**
     * Compiles the reports' templates and the subreports they use, unless already compiled: lets a caller
     * compile them while it does other work, before the first {@link #render}.
     *
     * @return this renderer
     */
    public PdfReportRenderer prepare(java.util.Collection<String> reportIds, PaperSize paper) {
        for (String id : reportIds) {
            for (JRParameter p : template(id, paper).getParameters()) {
                String sub = subreportName(p);
                if (sub != null) {
                    template(sub);
                }
            }
        }
        return this;
    }

    /** The template a parameter {@code <NAME>_REPORT} of class JasperReport asks for, else null. */
    private static String subreportName(JRParameter p) {
        if (p.isSystemDefined() || !p.getName().endsWith(SUBREPORT_SUFFIX)
                || !JasperReport.class.getName().equals(p.getValueClassName())) {
            return null;
        }
        return p.getName().substring(0, p.getName().length() - SUBREPORT_SUFFIX.length())
                .toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The compiled template (a subreport, or a main report on A4), compiled on first use. */
    JasperReport template(String name) {
        return template(name, PaperSize.A4);
    }

    /**
     * The compiled main template for the paper. Templates are drawn on A4; for another paper the design is
     * loaded, given that page size with the column width kept and centred (margins absorb the difference), and
     * compiled as its own variant. Subreports are column-wide and never resized.
     */
    JasperReport template(String name, PaperSize paper) {
        if (name == null || !TEMPLATE_NAME.matcher(name).matches()) {
            throw new PdfRenderException("Invalid report template name '" + name + "'", null);
        }
        return compiled.computeIfAbsent(paper == PaperSize.A4 ? name : name + "@" + paper,
                k -> compile(name, paper));
    }

    private JasperReport compile(String name, PaperSize paper) {
        String file = name + ".jrxml";
        Path onDisk = templatesDir == null ? null : templatesDir.resolve(file);
        try (InputStream in = open(onDisk, file)) {
            if (in == null) {
                throw new PdfRenderException("No PDF template for '" + name + "': looked for "
                        + (onDisk == null ? "" : onDisk + " and ") + "classpath:report-templates/" + file, null);
            }
            if (paper == PaperSize.A4) {
                return JasperCompileManager.getInstance(context).compile(in);
            }
            JasperDesign design = JRXmlLoader.load(context, in);
            int spare = paper.width - design.getColumnWidth();
            design.setPageWidth(paper.width);
            design.setPageHeight(paper.height);
            design.setLeftMargin(spare / 2);
            design.setRightMargin(spare - spare / 2);
            return JasperCompileManager.getInstance(context).compile(design);
        } catch (JRException | RuntimeException e) {
            if (e instanceof PdfRenderException p) {
                throw p;
            }
            throw new PdfRenderException("Could not compile PDF template " + file + ": " + rootMessage(e), e);
        } catch (IOException e) {
            throw new PdfRenderException("Could not read PDF template " + file + ": " + e.getMessage(), e);
        }
    }

    private InputStream open(Path onDisk, String file) throws IOException {
        if (onDisk != null && Files.isRegularFile(onDisk)) {
            return Files.newInputStream(onDisk);
        }
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        InputStream in = cl == null ? null : cl.getResourceAsStream("report-templates/" + file);
        if (in == null) {
            in = PdfReportRenderer.class.getClassLoader().getResourceAsStream("report-templates/" + file);
        }
        return in;
    }

    private static String rootMessage(Throwable e) {
        String m = String.valueOf(e.getMessage());
        String root = NestedExceptionUtils.getMostSpecificCause(e).getMessage();
        return root == null || m.contains(root) ? m : m + " / " + root;
    }
}
