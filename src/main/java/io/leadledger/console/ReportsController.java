package io.leadledger.console;

import io.leadledger.deliver.DeliveryLog;
import io.leadledger.deliver.ReportArchive;
import io.leadledger.jobs.Workspace;
import io.leadledger.ops.PipelineRunner;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reports: the months delivered (the files as e-mailed, from the report archive), the delivery log, resend. */
@Controller
class ReportsController {

    private final Served served;
    private final ReportArchive archive;
    private final DeliveryLog deliveries;
    private final PipelineRunner runner;
    private final ConsoleTasks tasks;

    ReportsController(Served served, ReportArchive archive, DeliveryLog deliveries, PipelineRunner runner, ConsoleTasks tasks) {
        this.served = served;
        this.archive = archive;
        this.deliveries = deliveries;
        this.runner = runner;
        this.tasks = tasks;
    }

    @GetMapping("/reports")
    String reports(Model model) {
        Workspace ws = served.workspace();
        List<ReportArchive.Kept> kept = archive.list(ws.tenant().id());
        Set<String> months = new LinkedHashSet<>();
        kept.forEach(k -> months.add(k.month()));
        model.addAttribute("kept", kept);
        model.addAttribute("months", months);
        model.addAttribute("deliveries", deliveries.recent(ws.tenant().id(), 200));
        model.addAttribute("recipients", ws.reports().recipients());
        model.addAttribute("lastFullMonth", runner.lastFullMonth(ws).toString());
        return "reports";
    }

    @GetMapping("/reports/file")
    ResponseEntity<byte[]> file(@RequestParam String month, @RequestParam String version, @RequestParam String name) {
        byte[] content = archive.get(served.tenant(), month, version, name)
                .orElseThrow(() -> new ConsoleAdvice.NotFound("report " + name + " of " + month));
        MediaType type = name.endsWith(".pdf") ? MediaType.APPLICATION_PDF : name.endsWith(".xlsx")
                ? MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                : MediaType.APPLICATION_OCTET_STREAM;
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8)
                        .build().toString())
                .body(content);
    }

    /** The monthly job for {@code month} with resend: every recipient gets the month again, under the freshness gate. */
    @PostMapping("/reports/resend")
    String resend(@RequestParam String month, Authentication auth, RedirectAttributes flash) {
        YearMonth m;
        try {
            m = YearMonth.parse(month.strip());
        } catch (DateTimeParseException e) {
            flash.addFlashAttribute("error", "The month is written YYYY-MM.");
            return "redirect:/reports";
        }
        Workspace ws = served.workspace();
        tasks.submit("resend of " + m, auth.getName(), () -> runner.runMonthly(ws, m, true, null));
        flash.addFlashAttribute("notice", "Resend of " + m + " to " + ws.reports().recipients().size()
                + " recipients asked; its run shows on Runs, its e-mails below.");
        return "redirect:/reports";
    }
}
