package io.leadledger.console;

import io.leadledger.jobs.Workspace;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseStatus;

import java.time.ZoneId;

/** What every console page shows: who is logged in and may change things, the tenant served, how to format. */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
class ConsoleAdvice {

    private final Served served;
    private final ConsoleTasks tasks;

    ConsoleAdvice(Served served, ConsoleTasks tasks) {
        this.served = served;
        this.tasks = tasks;
    }

    @ModelAttribute
    void common(Model model, Authentication auth) {
        Workspace ws = served.all().isEmpty() ? null : served.workspace();
        model.addAttribute("tenants", served.all());
        model.addAttribute("user", auth == null ? null : auth.getName());
        model.addAttribute("operator", operator(auth));
        model.addAttribute("ws", ws);
        model.addAttribute("fmt", new ConsoleFormat(ws == null ? ZoneId.of("UTC") : ws.tenant().zone()));
        model.addAttribute("tasks", tasks.recent());
    }

    static boolean operator(Authentication auth) {
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> ("ROLE_" + ConsoleUsers.OPERATOR).equals(a.getAuthority()));
    }

    /** No jobs/ is served by this process yet (the daemon reads it on its first pass). */
    static class NotServed extends RuntimeException {
        NotServed() {
            super("no jobs/ served");
        }
    }

    @ExceptionHandler(NotServed.class)
    @ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
    String notServed() {
        return "not-served";
    }

    /** A deal, run or file that is not there, or not the tenant's. */
    static class NotFound extends RuntimeException {
        NotFound(String what) {
            super(what);
        }
    }

    @ExceptionHandler(NotFound.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(NotFound e, Model model, Authentication auth) {
        common(model, auth); // an exception handler's model misses the @ModelAttribute methods' attributes the layout reads
        model.addAttribute("missing", e.getMessage());
        return "not-found";
    }
}
