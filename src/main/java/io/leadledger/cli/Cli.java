package io.leadledger.cli;

import io.leadledger.extract.SourceFormatException;
import io.leadledger.jobs.JobsConfigException;
import org.springframework.stereotype.Component;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

import java.io.PrintWriter;
import java.time.YearMonth;

/**
 * Executes a command line: 0 on success, 1 when a run failed, 2 on a usage or configuration error
 * (picocli's own usage errors are 2 as well).
 */
@Component
public class Cli {

    private final LeadledgerCommand command;
    private final IFactory factory;

    public Cli(LeadledgerCommand command, IFactory factory) {
        this.command = command;
        this.factory = factory;
    }

    public int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(command, factory);
        cl.setOut(out);
        cl.setErr(err);
        cl.registerConverter(YearMonth.class, YearMonth::parse);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            boolean config = ex instanceof JobsConfigException || ex instanceof SourceFormatException
                    || ex instanceof IllegalArgumentException || ex instanceof IllegalStateException;
            line.getErr().println("error: " + Console.message(ex));
            return config ? Console.USAGE : Console.FAILED;
        });
        // Spring already applied --spring.*, --logging.*, --management.* properties: not picocli's business
        String[] own = java.util.Arrays.stream(args).filter(a -> !a.matches("--(spring|logging|management|server)\\..*"))
                .toArray(String[]::new);
        return cl.execute(own);
    }
}
