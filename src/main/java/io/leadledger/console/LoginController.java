package io.leadledger.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginController {

    private final ConsoleUsers users;

    LoginController(ConsoleUsers users) {
        this.users = users;
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("noUsers", users.all().isEmpty());
        return "login";
    }

    @GetMapping("/")
    String home() {
        return "redirect:/runs";
    }
}
