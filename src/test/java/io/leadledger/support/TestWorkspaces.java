package io.leadledger.support;

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
        return ws.withSourcesIn(input);
    }

    public static Workspace withTenant(Workspace ws, TenantSettings t) {
        return new Workspace(ws.dir(), t, ws.sync(), ws.reports(), ws.delivery());
    }
}
