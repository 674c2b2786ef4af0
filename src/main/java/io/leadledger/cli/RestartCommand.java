package io.leadledger.cli;

import io.leadledger.ops.PipelineRunner;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Component
@Scope("prototype") // a fresh instance per command line: picocli option fields must not carry over
@Command(name = "restart", description = "Restart a failed sync run: files it completed are not loaded again, and the "
        + "reports' count audit covers the whole night. A run left STARTED by a killed process is restarted at once when "
        + "that process was on this host; one that ran on another host once its job lock has lapsed.")
public class RestartCommand implements Callable<Integer> {

    @Mixin
    JobsOption jobs;
    @Parameters(paramLabel = "RUN", description = "Run id, as shown by 'history'.")
    long run;
    @Option(names = "--force", description = "Break the job's lock first: only when the process that held it is known to be "
            + "gone (e.g. killed with -9 a moment ago), never while it may still run.")
    boolean force;
    @Spec
    CommandSpec spec;

    private final PipelineRunner runner;
    private final Console console;

    public RestartCommand(PipelineRunner runner, Console console) {
        this.runner = runner;
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        return console.report(runner.restart(jobs.load(), run, force), spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
