package io.leadledger.console;

import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * An agency's console serves every tenant of its clients/: the header lists them, and a link chooses the one this
 * browser session's pages show (a view, not a change: any logged-in user may switch).
 */
@Controller
class TenantController {

    private final Served served;

    TenantController(Served served) {
        this.served = served;
    }

    @GetMapping("/tenant")
    String choose(@RequestParam("id") String id, HttpSession session) {
        if (served.all().stream().noneMatch(w -> w.tenant().id().equals(id))) {
            throw new ConsoleAdvice.NotFound("tenant " + id);
        }
        session.setAttribute(Served.TENANT, id);
        return "redirect:/runs";
    }
}
