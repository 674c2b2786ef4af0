package io.leadledger.cli;

import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.ScopeType;

/** The top-level command; subcommands do the work. */
@Component
@Command(name = "leadledger", mixinStandardHelpOptions = true, version = "Leadledger 0.1.0",
        description = "Lead-to-revenue ETL and reporting: import leads, deals and spend, reconcile them, report monthly.",
        subcommands = {DemoCommand.class, RunCommand.class, ReportCommand.class, HistoryCommand.class,
                RestartCommand.class, BenchCommand.class, StatusCommand.class, ScheduleCommand.class, ConsoleCommand.class,
                CheckCommand.class, TenantCommand.class, ForgetCommand.class, WorkerCommand.class})
public class LeadledgerCommand {

    @Spec
    CommandSpec spec;

    /** Applied before Spring starts (LaunchSettings); declared here so that every command accepts it. */
    @Option(names = "--log-format", paramLabel = "plain|json", scope = ScopeType.INHERIT,
            description = "Log lines as plain text (default) or JSON (ECS) for log shippers; also LEADLEDGER_LOG_FORMAT.")
    void logFormat(String format) {
        if (!LaunchSettings.LOG_FORMATS.contains(format)) {
            throw new ParameterException(spec.commandLine(), "--log-format must be one of " + LaunchSettings.LOG_FORMATS);
        }
    }
}
