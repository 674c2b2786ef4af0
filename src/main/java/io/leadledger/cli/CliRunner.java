package io.leadledger.cli;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.io.PrintWriter;

/** Runs the command line given to main and hands its exit code to Spring Boot (tests set leadledger.cli.enabled=false). */
@Component
@ConditionalOnProperty(name = "leadledger.cli.enabled", havingValue = "true", matchIfMissing = true)
public class CliRunner implements CommandLineRunner, ExitCodeGenerator {

    private final Cli cli;
    private int exitCode;

    public CliRunner(Cli cli) {
        this.cli = cli;
    }

    @Override
    public void run(String... args) {
        exitCode = cli.execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
