package io.leadledger.console;

import io.leadledger.jobs.Workspace;
import io.leadledger.ops.ServedWorkspace;
import org.springframework.stereotype.Component;

/** The jobs/ of this process's daemon or console, for the pages; a page asked before it is read answers 503. */
@Component
class Served {

    private final ServedWorkspace served;

    Served(ServedWorkspace served) {
        this.served = served;
    }

    Workspace workspace() {
        Workspace ws = served.get();
        if (ws == null) {
            throw new ConsoleAdvice.NotServed();
        }
        return ws;
    }

    String tenant() {
        return workspace().tenant().id();
    }
}
