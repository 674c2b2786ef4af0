package io.leadledger.console;

import io.leadledger.report.figures.UnmatchedReasons;
import io.leadledger.warehouse.LinkOverrideRepository;
import io.leadledger.warehouse.UnmatchedDealRepository;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Unmatched deals: the queue of deals the last reconcile left without a lead (won first, largest first), a deal's
 * candidate leads, and the link (or "no lead") an operator gives it: a link_override row with who and a note, audited,
 * that the next reconcile applies like a line of link-overrides.csv.
 */
@Controller
class UnmatchedController {

    static final int PAGE = 50;

    private final Served served;
    private final UnmatchedDealRepository unmatched;
    private final LinkOverrideRepository overrides;
    private final Clock clock;

    UnmatchedController(Served served, UnmatchedDealRepository unmatched, LinkOverrideRepository overrides, Clock clock) {
        this.served = served;
        this.unmatched = unmatched;
        this.overrides = overrides;
        this.clock = clock;
    }

    @GetMapping("/unmatched")
    String queue(@RequestParam(required = false) String reason, @RequestParam(defaultValue = "0") int page, Model model) {
        String tenant = served.tenant();
        int p = Math.max(page, 0);
        Map<String, Long> counts = unmatched.countByReason(tenant);
        model.addAttribute("deals", unmatched.queue(tenant, reason, p * PAGE, PAGE + 1).stream().limit(PAGE).toList());
        model.addAttribute("hasNext", unmatched.queue(tenant, reason, (p + 1) * PAGE, 1).size() > 0);
        model.addAttribute("page", p);
        model.addAttribute("reason", reason);
        model.addAttribute("counts", counts);
        model.addAttribute("total", counts.values().stream().mapToLong(Long::longValue).sum());
        model.addAttribute("reasons", reasonWords(counts));
        model.addAttribute("recentLinks", overrides.audit(tenant, null, null, 10));
        return "unmatched";
    }

    @GetMapping("/unmatched/deal")
    String deal(@RequestParam String source, @RequestParam String id, Model model) {
        String tenant = served.tenant();
        var deal = unmatched.deal(tenant, source, id);
        var link = unmatched.currentLink(tenant, source, id);
        var override = overrides.find(tenant, source, id);
        if (deal.isEmpty() && link.isEmpty() && override.isEmpty()) {
            throw new ConsoleAdvice.NotFound("deal " + source + " " + id);
        }
        model.addAttribute("source", source);
        model.addAttribute("id", id);
        model.addAttribute("deal", deal.orElse(null));
        model.addAttribute("reasonWords", deal.map(d -> UnmatchedReasons.deal(d.reason())).orElse(null));
        model.addAttribute("link", link.orElse(null));
        model.addAttribute("override", override.orElse(null));
        model.addAttribute("candidates", deal.map(d -> unmatched.candidates(tenant, d)).orElse(java.util.List.of()));
        model.addAttribute("history", overrides.audit(tenant, source, id, 20));
        return "deal";
    }

    /** {@code noLead}: the "no lead" button; otherwise the chosen candidate, or the lead typed in. */
    @PostMapping("/unmatched/link")
    String link(@RequestParam String source, @RequestParam String id, @RequestParam(required = false) String lead,
                @RequestParam(required = false) String typed, @RequestParam(required = false) String note,
                @RequestParam(required = false) String noLead, Authentication auth, RedirectAttributes flash) {
        String tenant = served.tenant();
        String target = noLead != null ? LinkOverrideRepository.NO_LEAD
                : typed != null && !typed.isBlank() ? typed.strip() : lead == null ? "" : lead.strip();
        String back = UriComponentsBuilder.fromPath("/unmatched/deal").queryParam("source", source).queryParam("id", id)
                .encode().build().toUriString();
        if (unmatched.deal(tenant, source, id).isEmpty() && unmatched.currentLink(tenant, source, id).isEmpty()) {
            throw new ConsoleAdvice.NotFound("deal " + source + " " + id);
        }
        if (target.isEmpty() || target.length() > 320) {
            flash.addFlashAttribute("error", "Choose a lead, type one (lead key, source:record id or e-mail), or use No lead.");
            return "redirect:" + back;
        }
        if (note == null || note.isBlank()) {
            flash.addFlashAttribute("error", "Say why in the note: it is kept with the link.");
            return "redirect:" + back;
        }
        overrides.setFromConsole(tenant, source, id, target, note.strip(), auth.getName(), LocalDateTime.now(clock));
        flash.addFlashAttribute("notice", (target.equals(LinkOverrideRepository.NO_LEAD) ? "Marked as having no lead"
                : "Linked to " + target) + ". It takes effect on the next reconcile.");
        flash.addFlashAttribute("offerReconcile", true);
        return "redirect:" + back;
    }

    private static Map<String, String> reasonWords(Map<String, Long> counts) {
        Map<String, String> words = new LinkedHashMap<>();
        counts.keySet().forEach(r -> words.put(r, UnmatchedReasons.deal(r)));
        return words;
    }
}
