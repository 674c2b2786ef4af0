package io.leadledger.cli;

import io.leadledger.jobs.Clients;
import io.leadledger.jobs.JobsConfigException;
import io.leadledger.jobs.Workspace;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** --jobs DIR and --tenant ID, shared by every command. */
public class JobsOption {
    @Option(names = "--jobs", paramLabel = "DIR", description = "Job definitions directory: one tenant's jobs/, or an "
            + "agency's clients/ with one sub-directory per tenant (default: ${DEFAULT-VALUE}).", defaultValue = "jobs")
    Path jobs;
    @Option(names = "--tenant", paramLabel = "ID", description = "With a clients/ directory: the one tenant to act on.")
    String tenant;

    /** The one tenant to act on: --jobs itself, or the --tenant of a clients/ directory. */
    Workspace load() {
        if (!Clients.isClients(jobs)) {
            Workspace ws = Workspace.load(jobs);
            if (tenant != null && !tenant.equals(ws.tenant().id())) {
                throw new JobsConfigException(jobs + " is tenant '" + ws.tenant().id() + "', not '" + tenant + "'");
            }
            return ws;
        }
        if (tenant == null) {
            Clients.Loaded all = Clients.load(jobs);
            if (all.tenants().size() == 1 && all.broken().isEmpty()) {
                return all.tenants().get(0); // the only one: nothing to choose
            }
            throw new JobsConfigException(jobs + " holds the tenants " + ids(all) + ": give --tenant ID");
        }
        return one();
    }

    /** Whether the command acts on every tenant of a clients/ directory (no --tenant given). */
    boolean everyTenant() {
        return tenant == null && Clients.isClients(jobs);
    }

    /** Every tenant of --jobs (only --tenant's when given), and the directories that cannot be read. */
    Clients.Loaded loadAll() {
        if (tenant != null) {
            return new Clients.Loaded(List.of(load()), List.of());
        }
        return Clients.load(jobs);
    }

    private Workspace one() {
        Clients.Loaded all = Clients.load(jobs);
        return all.tenants().stream().filter(w -> w.tenant().id().equals(tenant)).findFirst()
                .orElseThrow(() -> new JobsConfigException("no tenant '" + tenant + "' in " + jobs + " (it holds "
                        + ids(all) + (all.broken().isEmpty() ? "" : "; unreadable: " + all.broken()) + ")"));
    }

    private static List<String> ids(Clients.Loaded all) {
        return all.tenants().stream().map(w -> w.tenant().id()).toList();
    }
}
