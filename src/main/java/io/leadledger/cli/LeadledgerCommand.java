package io.leadledger.cli;

import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;

/** The top-level command; subcommands do the work. */
@Component
@Command(name = "leadledger", mixinStandardHelpOptions = true, version = "Leadledger 0.1.0",
        description = "Lead-to-revenue ETL and reporting: import leads, deals and spend, reconcile them, report monthly.",
        subcommands = {DemoCommand.class, RunCommand.class, ReportCommand.class, HistoryCommand.class,
                RestartCommand.class, BenchCommand.class})
public class LeadledgerCommand {
}
