package io.leadledger.console;

import io.leadledger.deliver.MailTransport;
import io.leadledger.jobs.Workspace;
import io.leadledger.ops.OpsStatus;
import io.leadledger.schedule.JobSchedule;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Health: how fresh the tenant's data is, and everything that would hold back the next monthly send. */
@Controller
class HealthController {

    private final Served served;
    private final OpsStatus status;
    private final MailTransport mail;
    private final Clock clock;

    private final io.leadledger.warehouse.CountAuditRepository countAudit;

    HealthController(Served served, OpsStatus status, MailTransport mail, Clock clock,
                     io.leadledger.warehouse.CountAuditRepository countAudit) {
        this.countAudit = countAudit;
        this.served = served;
        this.status = status;
        this.mail = mail;
        this.clock = clock;
    }

    @GetMapping("/health")
    String health(Model model) {
        Workspace ws = served.workspace();
        OpsStatus.Snapshot s = status.snapshot(ws);
        List<String> holdBack = new ArrayList<>(s.freshness().problems());
        if (ws.reports().recipients().isEmpty()) {
            holdBack.add("no recipients in monthly-reports.yml: the reports are written, not sent");
        } else if (!mail.configured()) {
            holdBack.add("no SMTP server configured (LEADLEDGER_SMTP_HOST): nothing can be sent");
        }
        s.sync().lock().ifPresent(h -> holdBack.add(ws.sync().job() + " is running now (" + h + ")"));
        model.addAttribute("s", s);
        model.addAttribute("holdBack", holdBack);
        model.addAttribute("jobs", List.of(s.sync(), s.reports()));
        model.addAttribute("mail", mail.describe());
        model.addAttribute("counts", countAudit.latest(ws.tenant().id()));
        model.addAttribute("nextSync", JobSchedule.sync(ws).next(clock.instant()).orElse(null));
        model.addAttribute("nextReports", JobSchedule.reports(ws).next(clock.instant()).orElse(null));
        return "health";
    }
}
