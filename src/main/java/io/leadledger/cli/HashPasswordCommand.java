package io.leadledger.cli;

import org.springframework.context.annotation.Scope;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;

@Component
@Scope("prototype")
@Command(name = "hash-password", description = "Print the bcrypt hash of a password for a console user entry "
        + "(name:role:hash). Asks for it twice on a terminal; otherwise reads one line from standard input, e.g. "
        + "from a secrets manager. The password is never an argument: it would stay in the shell history.")
public class HashPasswordCommand implements Callable<Integer> {

    static final int MIN_LENGTH = 12;

    @Option(names = "--user", paramLabel = "NAME", description = "Print a whole entry for this user.")
    String user;
    @Option(names = "--role", paramLabel = "viewer|operator", defaultValue = "viewer",
            description = "The role of the entry printed with --user (default: ${DEFAULT-VALUE}).")
    String role;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!role.equals("viewer") && !role.equals("operator")) {
            spec.commandLine().getErr().println("error: --role must be viewer or operator");
            return Console.USAGE;
        }
        if (user != null && !user.matches("[A-Za-z0-9._@-]{1,100}")) {
            spec.commandLine().getErr().println("error: --user may have letters, digits and . _ @ - only");
            return Console.USAGE;
        }
        char[] password;
        java.io.Console terminal = System.console();
        if (terminal != null) {
            password = terminal.readPassword("Password: ");
            char[] again = terminal.readPassword("Again: ");
            if (password == null || !Arrays.equals(password, again)) {
                spec.commandLine().getErr().println("error: the two passwords differ");
                return Console.USAGE;
            }
        } else {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            password = line == null ? new char[0] : line.toCharArray();
        }
        if (password.length < MIN_LENGTH) {
            spec.commandLine().getErr().println("error: a console password has at least " + MIN_LENGTH + " characters");
            return Console.USAGE;
        }
        String hash = new BCryptPasswordEncoder(12).encode(new String(password));
        Arrays.fill(password, '\0');
        spec.commandLine().getOut().println(user == null ? hash : user + ":" + role + ":" + hash);
        return Console.OK;
    }
}
