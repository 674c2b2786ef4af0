package io.leadledger.ops;

import io.leadledger.jobs.Workspace;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** The jobs/ configuration the daemon of this process serves, for its health and metrics; empty outside 'schedule'. */
@Component
public class ServedWorkspace {

    private final AtomicReference<Workspace> workspace = new AtomicReference<>();
    private final AtomicReference<Instant> lastTick = new AtomicReference<>();
    private final AtomicReference<java.util.List<Workspace>> all = new AtomicReference<>(java.util.List.of());

    /** Every tenant the daemon serves (an agency's clients/); the console shows the first ({@link #get}). */
    public void setAll(java.util.List<Workspace> tenants) {
        all.set(java.util.List.copyOf(tenants));
    }

    public java.util.List<Workspace> all() {
        Workspace one = workspace.get();
        return all.get().isEmpty() && one != null ? java.util.List.of(one) : all.get();
    }

    public void set(Workspace ws) {
        workspace.set(ws);
    }

    public Workspace get() {
        return workspace.get();
    }

    public void ticked(Instant at) {
        lastTick.set(at);
    }

    public Instant lastTick() {
        return lastTick.get();
    }
}
