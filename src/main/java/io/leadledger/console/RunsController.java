package io.leadledger.console;

import io.leadledger.jobs.Workspace;
import io.leadledger.ops.PipelineRunner;
import io.leadledger.ops.RunHistory;
import io.leadledger.warehouse.RunAuditRepository;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;

/** Runs: the tenant's nightly and monthly runs, newest first, a run's count audit per file and its steps; restart. */
@Controller
class RunsController {

    static final int PAGE = 20;

    private final Served served;
    private final RunHistory history;
    private final RunAuditRepository audit;
    private final JobRepository jobRepository;
    private final PipelineRunner runner;
    private final ConsoleTasks tasks;

    RunsController(Served served, RunHistory history, RunAuditRepository audit, JobRepository jobRepository,
                   PipelineRunner runner, ConsoleTasks tasks) {
        this.served = served;
        this.history = history;
        this.audit = audit;
        this.jobRepository = jobRepository;
        this.runner = runner;
        this.tasks = tasks;
    }

    @GetMapping("/runs")
    String runs(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "" + PAGE) int size, Model model) {
        int p = Math.max(page, 0);
        int n = Math.min(Math.max(size, 1), 200);
        // RunHistory reads the newest runs; one more than the page tells whether there is a next one
        List<RunHistory.Run> upTo = history.recent(served.tenant(), (p + 1) * n + 1);
        List<RunHistory.Run> shown = upTo.subList(Math.min(p * n, upTo.size()), Math.min((p + 1) * n, upTo.size()));
        model.addAttribute("runs", shown);
        model.addAttribute("page", p);
        model.addAttribute("size", n);
        model.addAttribute("hasNext", upTo.size() > (p + 1) * n);
        model.addAttribute("syncJob", served.workspace().sync().job());
        return "runs";
    }

    /** A step of a run as the page shows it; {@code failed}: the step (or partition) that failed the run. */
    record Step(String name, String status, String exitCode, String message, LocalDateTime start, LocalDateTime end,
                long read, long written, boolean failed) {
    }

    @GetMapping("/runs/{id}")
    String run(@PathVariable long id, Model model) {
        JobExecution e = execution(id);
        List<Step> steps = e.getStepExecutions().stream()
                .sorted(Comparator.comparing(StepExecution::getId))
                .map(s -> new Step(s.getStepName(), s.getStatus().toString(), s.getExitStatus().getExitCode(),
                        s.getExitStatus().getExitDescription(), s.getStartTime(), s.getEndTime(), s.getReadCount(),
                        s.getWriteCount(), s.getStatus().isUnsuccessful() || s.getStatus() == BatchStatus.FAILED))
                .toList();
        model.addAttribute("run", e);
        model.addAttribute("job", e.getJobInstance().getJobName());
        model.addAttribute("month", e.getJobParameters().getString("month"));
        model.addAttribute("steps", steps);
        model.addAttribute("failing", steps.stream().filter(Step::failed).toList());
        model.addAttribute("audit", audit.forRun(id));
        // what the reconcile did: rebuilt the tables, or kept them (nothing they are built from changed) and why
        model.addAttribute("reconcile", io.leadledger.sync.SyncJobFactory.reconcileDid(e));
        model.addAttribute("restartable", e.getJobInstance().getJobName().equals(served.workspace().sync().job())
                && e.getStatus() != BatchStatus.COMPLETED && !e.getStatus().isRunning());
        return "run";
    }

    @PostMapping("/runs/{id}/restart")
    String restart(@PathVariable long id, Authentication auth, RedirectAttributes flash) {
        execution(id);
        Workspace ws = served.workspace();
        tasks.submit("restart of run " + id, auth.getName(), () -> runner.restart(ws, id, false));
        flash.addFlashAttribute("notice", "Restart of run " + id + " asked; it shows below when it starts.");
        return "redirect:/runs";
    }

    @PostMapping("/runs/reconcile")
    String reconcile(Authentication auth, RedirectAttributes flash) {
        Workspace ws = served.workspace();
        tasks.submit(ws.sync().job() + " (reconcile now)", auth.getName(), () -> runner.runSync(ws));
        flash.addFlashAttribute("notice", ws.sync().job() + " asked: files already loaded are skipped, the links and "
                + "figures are rebuilt. It shows below when it starts.");
        return "redirect:/runs";
    }

    /** The run, when it is one of the served tenant's. */
    private JobExecution execution(long id) {
        JobExecution e;
        try {
            e = jobRepository.getJobExecution(id);
        } catch (org.springframework.dao.EmptyResultDataAccessException none) {
            e = null; // Batch 6's JDBC repository throws for an id it does not have, where it returned null before
        }
        if (e == null || !served.tenant().equals(e.getJobParameters().getString("tenant"))) {
            throw new ConsoleAdvice.NotFound("run " + id);
        }
        return e;
    }
}
