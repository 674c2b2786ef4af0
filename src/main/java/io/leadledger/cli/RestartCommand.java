package io.leadledger.cli;

import io.leadledger.ops.PipelineRunner;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Component
@Command(name = "restart", description = "Restart a failed sync run: files it completed are not loaded again.")
public class RestartCommand implements Callable<Integer> {

    @Mixin
    JobsOption jobs;
    @Parameters(paramLabel = "RUN", description = "Run id, as shown by 'history'.")
    long run;
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
        return console.report(runner.restart(jobs.load(), run), spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
