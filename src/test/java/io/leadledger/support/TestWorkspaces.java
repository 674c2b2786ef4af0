package io.leadledger.support;

import io.leadledger.jobs.SourceDefinition;
import io.leadledger.jobs.SyncDefinition;
import io.leadledger.jobs.TenantSettings;
import io.leadledger.jobs.Workspace;

import java.nio.file.Path;

/** The shipped jobs/ configuration, pointed at a test's own input directory. */
public final class TestWorkspaces {
    private TestWorkspaces() {
    }

    public static Workspace demo(Path input) {
        Workspace ws = Workspace.load(Path.of("jobs"));
        return redirect(ws, input);
    }

    public static Workspace redirect(Workspace ws, Path input) {
        SyncDefinition s = ws.sync();
        var sources = s.sources().stream().map(d -> new SourceDefinition(d.name(), d.kind(),
                input.resolve(Path.of(d.files()).getFileName()).toString(), d.mapping())).toList();
        String fx = s.fxFile() == null ? null : input.resolve(Path.of(s.fxFile()).getFileName()).toString();
        return new Workspace(ws.dir(), ws.tenant(), new SyncDefinition(s.job(), s.cron(), s.timezone(), fx, sources),
                ws.reports(), ws.delivery());
    }

    public static Workspace withTenant(Workspace ws, TenantSettings t) {
        return new Workspace(ws.dir(), t, ws.sync(), ws.reports(), ws.delivery());
    }
}
