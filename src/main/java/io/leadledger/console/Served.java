package io.leadledger.console;

import java.util.List;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

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

    /** The session's attribute naming the tenant the pages show (an agency's clients/: several are served). */
    static final String TENANT = "leadledger.tenant";

    /** The tenant the pages show: the one this session chose ({@code /tenant?id=}), else the first served. */
    Workspace workspace() {
        List<Workspace> all = served.all();
        if (all.isEmpty()) {
            throw new ConsoleAdvice.NotServed();
        }
        Object chosen = session() == null ? null : session().getAttribute(TENANT);
        return all.stream().filter(w -> w.tenant().id().equals(chosen)).findFirst().orElse(all.get(0));
    }

    /** Every tenant served, in directory order. */
    List<Workspace> all() {
        return served.all();
    }

    private static jakarta.servlet.http.HttpSession session() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes r
                ? r.getRequest().getSession(false) : null;
    }

    String tenant() {
        return workspace().tenant().id();
    }
}
