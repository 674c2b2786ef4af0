package io.leadledger.cli;

import io.leadledger.sync.PartitionWorker;
import io.leadledger.sync.RemotePartitioning;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Component
@Scope("prototype") // a fresh instance per command line: picocli option fields must not carry over
@Command(name = "worker", description = "Run the partitions (nightly import: tenant x source x file; monthly reports: "
        + "tenant x report) that managers (leadledger.partitioning=remote) send through RabbitMQ (LEADLEDGER_RABBITMQ_*), on the shared MySQL/MariaDB warehouse. Reads each tenant's "
        + "jobs/ and files at the paths the manager sees. Stops on SIGTERM or Ctrl-C after the partitions it runs.")
public class WorkerCommand implements Callable<Integer> {

    @Option(names = "--threads", paramLabel = "N", description = "Partitions run at once (default: leadledger.import.threads).")
    Integer threads;
    @Spec
    CommandSpec spec;

    private final PartitionWorker worker;
    private final RemotePartitioning remote;
    private final io.leadledger.LeadledgerProperties settings;

    public WorkerCommand(PartitionWorker worker, RemotePartitioning remote, io.leadledger.LeadledgerProperties settings) {
        this.worker = worker;
        this.remote = remote;
        this.settings = settings;
    }

    @Override
    public Integer call() throws Exception {
        int n = threads != null ? threads : Math.max(1, settings.imports().threads());
        if (n < 1) {
            spec.commandLine().getErr().println("--threads must be at least 1");
            return Console.USAGE;
        }
        worker.listen(n); // refuses the embedded H2 file: manager and workers share one database
        PrintWriter out = spec.commandLine().getOut();
        out.printf("leadledger worker: queue '%s' of %s, %d partition%s at a time%n", remote.settings().queue(),
                remote.broker().where(), n, n == 1 ? "" : "s");
        out.flush();
        worker.awaitStop();
        return Console.OK;
    }
}
