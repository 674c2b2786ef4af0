package io.leadledger.cli;

import io.leadledger.jobs.Workspace;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** --jobs DIR, shared by every command. */
public class JobsOption {
    @Option(names = "--jobs", paramLabel = "DIR", description = "Job definitions directory (default: ${DEFAULT-VALUE}).",
            defaultValue = "jobs")
    Path jobs;

    Workspace load() {
        return Workspace.load(jobs);
    }
}
