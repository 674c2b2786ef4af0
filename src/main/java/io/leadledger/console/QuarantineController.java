package io.leadledger.console;

import io.leadledger.warehouse.QuarantineRepository;
import io.leadledger.warehouse.QuarantineRepository.Filter;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Quarantine: the rows of a run or a file that were not loaded, filterable, and downloadable as CSV. */
@Controller
class QuarantineController {

    static final int PAGE = 100;
    static final List<String> HEADER = List.of("run", "source", "file", "row", "column", "raw value", "reason");

    private final Served served;
    private final QuarantineRepository quarantine;

    QuarantineController(Served served, QuarantineRepository quarantine) {
        this.served = served;
        this.quarantine = quarantine;
    }

    @GetMapping("/quarantine")
    String list(@RequestParam(required = false) Long run, @RequestParam(required = false) String source,
                @RequestParam(required = false) String file, @RequestParam(required = false) String q,
                @RequestParam(defaultValue = "0") int page, Model model) {
        String tenant = served.tenant();
        Filter filter = new Filter(run, source, file, q);
        int p = Math.max(page, 0);
        model.addAttribute("rows", quarantine.find(tenant, filter, p * PAGE, PAGE));
        long total = quarantine.count(tenant, filter);
        model.addAttribute("total", total);
        model.addAttribute("page", p);
        model.addAttribute("hasNext", (long) (p + 1) * PAGE < total);
        model.addAttribute("filter", filter);
        model.addAttribute("files", quarantine.files(tenant, run));
        return "quarantine";
    }

    @GetMapping("/quarantine.csv")
    void csv(@RequestParam(required = false) Long run, @RequestParam(required = false) String source,
             @RequestParam(required = false) String file, @RequestParam(required = false) String q,
             HttpServletResponse response) throws IOException {
        String tenant = served.tenant();
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"quarantine-" + tenant.replaceAll("[^A-Za-z0-9_-]", "_")
                + (run == null ? "" : "-run-" + run) + ".csv\"");
        Writer w = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        try (CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(HEADER.toArray(String[]::new)).get())) {
            quarantine.forEach(tenant, new Filter(run, source, file, q), r -> {
                try {
                    csv.printRecord(r.runId(), cell(r.source()), cell(r.file()), r.rowNum(), cell(r.field()),
                            cell(r.rawValue()), cell(r.reason()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /**
     * A value a spreadsheet would take for a formula (source data holds "=HYPERLINK(...)" and the like) is written
     * with a leading apostrophe, so opening the download never runs it.
     */
    static String cell(String v) {
        if (v == null || v.isEmpty()) {
            return v;
        }
        char c = v.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + v : v;
    }
}
