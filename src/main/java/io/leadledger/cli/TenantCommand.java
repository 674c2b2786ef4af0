package io.leadledger.cli;

import io.leadledger.jobs.Workspace;
import io.leadledger.ops.Erasure;
import io.leadledger.ops.JobLockedException;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Component
@Scope("prototype") // a fresh instance per command line: picocli option fields must not carry over
@Command(name = "tenant", description = {"Manage a tenant of the warehouse. 'tenant delete ID' lists what would be removed;"
        + " 'tenant delete ID --yes' removes every row of the tenant from every warehouse table (staging, core, marts,"
        + " audit, quarantine, delivery log, run history, report archive), its job locks and, with --jobs, its report"
        + " files. Exit 0 when done, 1 when a run of the tenant is in progress, 2 without --yes or for an unknown tenant."})
public class TenantCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ACTION", description = "delete")
    String action;
    @Parameters(index = "1", paramLabel = "ID", description = "The tenant id (tenant.id of its leadledger.yml).")
    String tenant;
    @Option(names = "--yes", description = "Really delete (without it, only what would be deleted is listed).")
    boolean yes;
    @Option(names = "--jobs", paramLabel = "DIR", description = "The tenant's jobs/ directory: its report files "
            + "(monthly-reports.yml out:) are deleted too, and its job names used for the locks.")
    Path jobs;
    @Spec
    CommandSpec spec;

    private final Erasure erasure;

    public TenantCommand(Erasure erasure) {
        this.erasure = erasure;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!"delete".equals(action)) {
            err.println("unknown action '" + action + "': tenant delete ID [--yes] [--jobs DIR]");
            return Console.USAGE;
        }
        Workspace ws = jobs == null ? null : Workspace.load(jobs);
        if (ws != null && !ws.tenant().id().equals(tenant)) {
            err.println("--jobs " + jobs + " is tenant '" + ws.tenant().id() + "', not '" + tenant + "'");
            return Console.USAGE;
        }
        Path reports = ws == null ? null : Path.of(ws.reports().outDir()).resolve(tenant);
        Map<String, Long> rows = erasure.rowsOf(tenant);
        boolean files = reports != null && Files.exists(reports);
        if (rows.isEmpty() && !files) {
            err.println("no tenant '" + tenant + "' in this warehouse (no row in any table)");
            return Console.USAGE;
        }
        long total = rows.values().stream().mapToLong(Long::longValue).sum();
        if (!yes) {
            out.printf("tenant %s: %,d rows in %d tables would be deleted%n", tenant, total, rows.size());
            rows.forEach((t, n) -> out.printf("  %-28s %,12d%n", t, n));
            out.println(files ? "  and the report files under " + reports : "  (no report files: give --jobs DIR to delete them too)");
            err.println("nothing deleted: run again with --yes to delete tenant '" + tenant + "'");
            return Console.USAGE;
        }
        try {
            List<String> jobNames = ws == null ? List.of("nightly-sync", "monthly-reports")
                    : List.of(ws.sync().job(), ws.reports().job());
            Map<String, Long> deleted = erasure.deleteTenant(tenant, jobNames, ws == null ? null : Path.of(ws.reports().outDir()));
            out.printf("tenant %s deleted: %,d rows from %d tables%s%n", tenant,
                    deleted.values().stream().mapToLong(Long::longValue).sum(), deleted.size(),
                    files ? ", and its report files under " + reports : "");
            out.println("remove its jobs/ directory too, or the daemon schedules it again");
            return Console.OK;
        } catch (JobLockedException e) {
            err.println("tenant " + tenant + " not deleted: " + e.getMessage());
            return Console.FAILED;
        }
    }
}
