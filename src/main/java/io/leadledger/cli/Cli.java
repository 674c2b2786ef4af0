package io.leadledger.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

import java.io.PrintWriter;
import java.time.YearMonth;

/**
 * Executes a command line: 0 on success, 1 when a run failed, 2 on a usage or configuration error
 * (picocli's own usage errors are 2 as well). An error is one line on stderr; its stack trace goes to the log
 * at DEBUG.
 */
@Component
public class Cli {

    private static final Logger log = LoggerFactory.getLogger(Cli.class);

    private final LeadledgerCommand command;
    private final IFactory factory;
    private final Environment env;

    public Cli(LeadledgerCommand command, IFactory factory, Environment env) {
        this.command = command;
        this.factory = factory;
        this.env = env;
    }

    public int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(command, factory);
        cl.setOut(out);
        cl.setErr(err);
        cl.registerConverter(YearMonth.class, YearMonth::parse);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            log.debug("{} failed", String.join(" ", args), ex);
            Failures.Told told = Failures.tell(ex, env.getProperty("spring.datasource.url"),
                    env.getProperty("spring.datasource.username"));
            line.getErr().println("error: " + told.line());
            return told.code();
        });
        // Spring already applied --spring.*, --logging.*, --management.*, --leadledger.* properties: not picocli's business
        String[] own = java.util.Arrays.stream(args).filter(a -> !a.matches("--(spring|logging|management|server|leadledger)\\..*"))
                .toArray(String[]::new);
        return cl.execute(own);
    }
}
