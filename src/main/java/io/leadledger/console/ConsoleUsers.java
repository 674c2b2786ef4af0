package io.leadledger.console;

import io.leadledger.LeadledgerProperties;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The console's users: "name:role:bcrypt-hash" entries from LEADLEDGER_CONSOLE_USERS (commas or new lines between
 * them) and from the file LEADLEDGER_CONSOLE_USERS_FILE (one a line, '#' starts a comment). Role {@code viewer} reads
 * every page; {@code operator} may also change things (link deals, reconcile, restart, resend). Only bcrypt hashes are
 * accepted ('leadledger console hash-password' makes one). The file is read at every login, so a user added or
 * removed there counts without a restart; a malformed entry stops the start of a process that serves the console
 * (ConsoleSecurity reads them once then) and is refused at login, with where it is.
 */
@Component
public class ConsoleUsers implements UserDetailsService {

    public static final String VIEWER = "VIEWER";
    public static final String OPERATOR = "OPERATOR";
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");

    private final String inline;
    private final String file;

    public ConsoleUsers(LeadledgerProperties properties) {
        this.inline = properties.console().users();
        this.file = properties.console().usersFile().trim();
    }

    public record ConsoleUser(String name, String role, String hash) {
        public boolean operator() {
            return OPERATOR.equals(role);
        }
    }

    /** Every configured user by name; the file's entry wins over the environment's of the same name. */
    public Map<String, ConsoleUser> all() {
        Map<String, ConsoleUser> users = new LinkedHashMap<>();
        parse(List.of(inline.split("[,\\n]")), "LEADLEDGER_CONSOLE_USERS", users);
        if (!file.isEmpty()) {
            try {
                parse(Files.readAllLines(Path.of(file), StandardCharsets.UTF_8), "LEADLEDGER_CONSOLE_USERS_FILE " + file, users);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read LEADLEDGER_CONSOLE_USERS_FILE " + file + ": " + e.getMessage(), e);
            }
        }
        return users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        ConsoleUser u = all().get(username);
        if (u == null) {
            throw new UsernameNotFoundException("no console user " + username);
        }
        List<SimpleGrantedAuthority> roles = new ArrayList<>(List.of(new SimpleGrantedAuthority("ROLE_" + VIEWER)));
        if (u.operator()) {
            roles.add(new SimpleGrantedAuthority("ROLE_" + OPERATOR));
        }
        return User.withUsername(u.name()).password("{bcrypt}" + u.hash()).authorities(roles).build();
    }

    static void parse(List<String> lines, String where, Map<String, ConsoleUser> into) {
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String at = where + (lines.size() > 1 ? " entry " + n : "");
            String[] parts = line.split(":", 3);
            if (parts.length != 3) {
                throw new IllegalArgumentException(at + ": expected name:role:bcrypt-hash");
            }
            String name = parts[0].strip();
            String role = parts[1].strip().toUpperCase(Locale.ROOT);
            String hash = parts[2].strip();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(at + ": the user name may have letters, digits and . _ @ - only");
            }
            if (!role.equals(VIEWER) && !role.equals(OPERATOR)) {
                throw new IllegalArgumentException(at + ": role of " + name + " must be viewer or operator");
            }
            if (!BCRYPT.matcher(hash).matches()) {
                throw new IllegalArgumentException(at + ": the password of " + name + " must be a bcrypt hash "
                        + "(make one with 'leadledger console hash-password')");
            }
            into.put(name, new ConsoleUser(name, role, hash));
        }
    }
}
