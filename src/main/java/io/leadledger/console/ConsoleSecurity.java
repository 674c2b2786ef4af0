package io.leadledger.console;

import io.leadledger.ops.HealthDetailsExposure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may see and do what on the web port ('schedule' and 'console'): the health probe for anyone; the pages and,
 * once the port is opened beyond loopback, the other actuator endpoints only after the form login; reading (GET)
 * for viewers, anything else for operators only. Spring Security's CSRF token guards every form and its headers
 * forbid framing; the content security policy allows no script and no inline style, so even markup that got
 * through escaping could not run.
 */
@Configuration
@ConditionalOnWebApplication
public class ConsoleSecurity {

    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    private static final Logger log = LoggerFactory.getLogger(ConsoleSecurity.class);

    @Bean
    SecurityFilterChain consoleFilterChain(HttpSecurity http, Environment env, ConsoleUsers users) throws Exception {
        // a malformed user entry stops the start here, not at the first login; commands without a web server never read them
        if (users.all().isEmpty()) {
            log.warn("no console users: nobody can log in to the console (set LEADLEDGER_CONSOLE_USERS or "
                    + "LEADLEDGER_CONSOLE_USERS_FILE, see README 'The operations console')");
        }
        String address = env.getProperty("management.server.address", env.getProperty("server.address", ""));
        boolean loopback = HealthDetailsExposure.isLoopback(address);
        http.authorizeHttpRequests(a -> {
            a.requestMatchers("/actuator/health", "/actuator/health/**").permitAll();
            a.requestMatchers("/login", "/console.css", "/error").permitAll();
            if (loopback) {
                // metrics for a scraper on this machine, as before the console
                a.requestMatchers(HttpMethod.GET, "/actuator/**").permitAll();
            }
            a.requestMatchers(HttpMethod.GET, "/**").hasRole(ConsoleUsers.VIEWER);
            a.anyRequest().hasRole(ConsoleUsers.OPERATOR);
        });
        http.formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/runs", false).permitAll());
        http.logout(l -> l.logoutSuccessUrl("/login?logout").deleteCookies("LEADLEDGER_SESSION"));
        http.headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP)));
        return http.build();
    }
}
