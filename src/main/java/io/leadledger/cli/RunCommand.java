package io.leadledger.cli;

import io.leadledger.ops.PipelineRunner;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

@Component
@Command(name = "run", description = "Run a job defined in jobs/ (e.g. nightly-sync, monthly-reports) once and exit: "
        + "0 on success, 1 when the run failed, 2 on a usage or configuration error.")
public class RunCommand implements Callable<Integer> {

    @Mixin
    JobsOption jobs;
    @Parameters(paramLabel = "JOB", description = "Job name, e.g. nightly-sync or monthly-reports.")
    String job;
    @Spec
    CommandSpec spec;

    private final PipelineRunner runner;
    private final Console console;

    public RunCommand(PipelineRunner runner, Console console) {
        this.runner = runner;
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        var ws = jobs.load();
        return console.report(runner.run(ws, job), spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
