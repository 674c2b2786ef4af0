package io.leadledger.cli;

import io.leadledger.jobs.Workspace;
import io.leadledger.ops.Erasure;
import io.leadledger.ops.JobLockedException;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Component
@Scope("prototype") // a fresh instance per command line: picocli option fields must not carry over
@Command(name = "forget", description = {"Erase a person from the tenant of --jobs (a data-protection request): every"
        + " staging record of their leads under any address, their campaign touches, the contact address and raw cells of"
        + " deals that name them, quarantined rows and overrides that hold their address; then the reconcile rebuilds, so"
        + " no core, attribution or mart row keeps them. Remove them from the source tools first. Exit 0 when done,"
        + " 1 when a sync of the tenant is running, 2 without --yes or when nothing of that address is found."})
public class ForgetCommand implements Callable<Integer> {

    @Mixin
    JobsOption jobs;
    @Option(names = "--email", required = true, paramLabel = "ADDRESS", description = "The person's e-mail address.")
    String email;
    @Option(names = "--yes", description = "Really erase (without it, nothing is changed).")
    boolean yes;
    @Spec
    CommandSpec spec;

    private final Erasure erasure;

    public ForgetCommand(Erasure erasure) {
        this.erasure = erasure;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Workspace ws = jobs.load();
        if (!yes) {
            err.println("nothing erased: run again with --yes to erase " + email + " from tenant " + ws.tenant().id());
            return Console.USAGE;
        }
        try {
            Erasure.Forgotten f = erasure.forget(ws, email);
            if (!f.found()) {
                err.println("tenant " + ws.tenant().id() + " holds nothing of " + email + " (nothing changed; the reconcile ran)");
                return Console.USAGE;
            }
            out.printf("erased from tenant %s: %d lead%s (%d lead records), %d campaign touches, the contact of %d deals, "
                    + "%d quarantined rows, %d overrides; the warehouse was reconciled without them%n", ws.tenant().id(),
                    f.leadKeys().size(), f.leadKeys().size() == 1 ? "" : "s", f.leadRecords(), f.touches(), f.dealContacts(),
                    f.quarantined(), f.overrides());
            out.println("reports already written still show them: write those months again (leadledger report --month"
                    + " YYYY-MM) or delete the files; an export that still holds them loads them again on its next change");
            return Console.OK;
        } catch (JobLockedException e) {
            err.println("nothing erased: " + e.getMessage());
            return Console.FAILED;
        }
    }
}
