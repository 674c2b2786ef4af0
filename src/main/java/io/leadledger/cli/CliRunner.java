package io.leadledger.cli;

import io.leadledger.jobs.JobsConfigException;
import io.leadledger.extract.SourceFormatException;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

import java.time.YearMonth;

/** Runs the picocli command line inside the Spring context and hands its exit code to main. */
/** Tests embed the application without a command line: leadledger.cli.enabled=false. */
@Component
@ConditionalOnProperty(name = "leadledger.cli.enabled", havingValue = "true", matchIfMissing = true)
public class CliRunner implements CommandLineRunner, ExitCodeGenerator {

    private final LeadledgerCommand command;
    private final IFactory factory;
    private int exitCode;

    public CliRunner(LeadledgerCommand command, IFactory factory) {
        this.command = command;
        this.factory = factory;
    }

    @Override
    public void run(String... args) {
        CommandLine cl = new CommandLine(command, factory);
        cl.registerConverter(YearMonth.class, YearMonth::parse);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            boolean config = ex instanceof JobsConfigException || ex instanceof SourceFormatException
                    || ex instanceof IllegalArgumentException || ex instanceof IllegalStateException;
            line.getErr().println("error: " + Console.message(ex));
            return config ? Console.USAGE : Console.FAILED;
        });
        exitCode = cl.execute(args);
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
