package io.leadledger.cli;

import io.leadledger.ops.PipelineRunner;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.time.YearMonth;
import java.util.concurrent.Callable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import io.leadledger.jobs.Clients;
import io.leadledger.jobs.Workspace;

@Component
@Scope("prototype") // a fresh instance per command line: picocli option fields must not carry over
@Command(name = "run", description = "Run a job defined in jobs/ (e.g. nightly-sync, monthly-reports) once and exit: "
        + "0 on success, 1 when the run failed (or the job is already running elsewhere), 2 on a usage or configuration "
        + "error, 3 when monthly-reports wrote the reports but left e-mails pending (retried by the next runs). monthly-reports writes the reports and e-mails them to the recipients of monthly-reports.yml, once.")
public class RunCommand implements Callable<Integer> {

    /** Exit code of a monthly-reports run that wrote the reports but left e-mails pending (SMTP down). */
    static final int PENDING_DELIVERIES = 3;

    @Mixin
    JobsOption jobs;
    @Parameters(paramLabel = "JOB", description = "Job name, e.g. nightly-sync or monthly-reports.")
    String job;
    @Option(names = "--month", paramLabel = "YYYY-MM", description = "monthly-reports: the report month (default: last full month).")
    YearMonth month;
    @Option(names = "--resend", description = "monthly-reports: e-mail the reports again to recipients who already had them.")
    boolean resend;
    @Option(names = "--full", description = "nightly-sync: rebuild every reconciled table even when no export, "
            + "override or setting changed since the last reconcile (which otherwise keeps them).")
    boolean full;
    @Spec
    CommandSpec spec;

    private final PipelineRunner runner;
    private final Console console;

    public RunCommand(PipelineRunner runner, Console console) {
        this.runner = runner;
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        if (!jobs.everyTenant()) {
            return runOne(jobs.load());
        }
        // an agency's clients/: every tenant in turn, each on its own; one's failure never stops the next
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Clients.Loaded all = jobs.loadAll();
        int worst = Console.OK;
        List<String> summary = new ArrayList<>();
        for (Clients.Broken b : all.broken()) {
            err.println("tenant directory " + b.dir() + " cannot be read, not run: " + b.problem());
            summary.add(b.dir().getFileName() + ": configuration error");
            worst = worse(worst, Console.USAGE);
        }
        for (Workspace ws : all.tenants()) {
            out.println("== tenant " + ws.tenant().id());
            out.flush();
            int code;
            try {
                code = runOne(ws);
            } catch (RuntimeException e) {
                err.println("tenant " + ws.tenant().id() + ": " + e.getMessage());
                code = Console.FAILED;
            }
            summary.add(ws.tenant().id() + ": " + (code == Console.OK ? "ok" : "exit " + code));
            worst = worse(worst, code);
        }
        out.println("tenants: " + String.join(", ", summary));
        return worst;
    }

    /** The exit code of several tenants' runs: a failed run over a configuration error over pending e-mails. */
    static int worse(int a, int b) {
        for (int code : new int[] {Console.FAILED, Console.USAGE, PENDING_DELIVERIES}) {
            if (a == code || b == code) {
                return code;
            }
        }
        return Math.max(a, b);
    }

    private int runOne(Workspace ws) throws Exception {
        if ((month != null || resend) && !job.equals(ws.reports().job())) {
            spec.commandLine().getErr().println("--month and --resend apply to " + ws.reports().job() + " only");
            return Console.USAGE;
        }
        if (full && !job.equals(ws.sync().job())) {
            spec.commandLine().getErr().println("--full applies to " + ws.sync().job() + " only");
            return Console.USAGE;
        }
        JobExecution e = runner.run(ws, job, month, resend, full);
        int code = console.report(e, spec.commandLine().getOut(), spec.commandLine().getErr());
        e.getStepExecutions().stream().filter(s -> s.getStepName().equals("deliver"))
                .map(s -> s.getExecutionContext().getString("delivery", "")).filter(d -> !d.isEmpty()).findFirst()
                .ifPresent(d -> spec.commandLine().getOut().println("delivery " + e.getJobParameters().getString("month") + ": " + d));
        int pending = e.getStepExecutions().stream().filter(s -> s.getStepName().equals("deliver"))
                .mapToInt(s -> s.getExecutionContext().getInt(PipelineRunner.PENDING_DELIVERIES, 0)).sum();
        if (code == Console.OK && pending > 0) {
            // the reports exist, but cron and systemd must see that executives did not get them yet
            spec.commandLine().getErr().println(pending + " e-mails left pending (see 'leadledger status'); retried by the "
                    + "next runs and the daemon");
            return PENDING_DELIVERIES;
        }
        return code;
    }
}
