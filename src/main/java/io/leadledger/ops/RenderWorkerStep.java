package io.leadledger.ops;

import io.leadledger.jobs.ReportsDefinition;
import io.leadledger.jobs.Workspace;
import io.leadledger.report.ReportService;
import io.leadledger.sync.RemotePartitionHandler;
import io.leadledger.sync.RemotePartitioning;
import io.leadledger.sync.WorkerStep;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The monthly reports over several machines: with remote partitioning the "render" step is one partition per
 * tenant x report, each rendered (all its formats) by a worker into the shared output directory; the manager then
 * delivers them as before. On the worker this is the "render" step: the one report, from the marts, written where
 * the manager would have written it.
 */
@Component
public class RenderWorkerStep extends WorkerStep {

    static final String RENDER = "render";
    private static final String REPORT = "report";
    private static final String MONTH = "month";
    private static final String OUT = "out";
    private static final String FORMATS = "formats";

    private final JobRepository jobRepository;
    private final ReportService reports;
    private final RemotePartitioning remote;
    private final io.leadledger.sync.Heartbeats heartbeats;

    public RenderWorkerStep(JobRepository jobRepository, ReportService reports, RemotePartitioning remote,
                            io.leadledger.sync.Heartbeats heartbeats) {
        super(jobRepository, heartbeats);
        this.jobRepository = jobRepository;
        this.reports = reports;
        this.remote = remote;
        this.heartbeats = heartbeats;
    }

    @Override
    public String getName() {
        return RENDER;
    }

    /** The manager's "render" step: a partition per report, sent to the workers; {@code before} runs first. */
    Step managerStep(Workspace ws, YearMonth month, Path outDir, List<String> formats, StepExecutionListener before) {
        Partitioner partitioner = grid -> {
            Map<String, ExecutionContext> parts = new LinkedHashMap<>();
            for (String id : ws.reports().reports()) {
                ExecutionContext ctx = new ExecutionContext();
                WorkerStep.locate(ctx, ws.tenant().id(), ws.dir());
                ctx.putString(REPORT, id);
                ctx.putString(MONTH, month.toString());
                ctx.putString(OUT, outDir.toString());
                ctx.putString(FORMATS, String.join(",", formats));
                parts.put(id, ctx);
            }
            return parts;
        };
        return new StepBuilder(RENDER, jobRepository).partitioner(RENDER, partitioner)
                .partitionHandler(new RemotePartitionHandler(RENDER, jobRepository, remote, heartbeats, p -> 0))
                .listener(before)
                .build();
    }

    @Override
    protected Step stepFor(StepExecution partition) {
        ExecutionContext ctx = partition.getExecutionContext();
        Workspace ws = workspace(ctx);
        String id = ctx.getString(REPORT);
        if (!ws.reports().reports().contains(id)) {
            throw new IllegalStateException("report '" + id + "' is not in " + ws.dir() + "/monthly-reports.yml on this worker");
        }
        Path out = Path.of(ctx.getString(OUT));
        requireSameDirectory(ctx, out, "the reports' directory");
        YearMonth month = YearMonth.parse(ctx.getString(MONTH));
        List<String> formats = Arrays.asList(ctx.getString(FORMATS).split(","));
        ReportsDefinition r = ws.reports();
        // the same tenant with this one report: its figures, shared insights and appendix are computed here again
        Workspace one = new Workspace(ws.dir(), ws.tenant(), ws.sync(), new ReportsDefinition(r.job(), r.cron(),
                r.timezone(), List.of(id), r.formats(), r.outDir(), r.paperSize(), r.recipients(), r.insightsMinSpend()),
                ws.delivery());
        return new StepBuilder(partition.getStepName(), jobRepository).tasklet((contribution, c) -> {
            reports.generate(one, month, out, formats);
            return RepeatStatus.FINISHED;
        }, new ResourcelessTransactionManager()).build();
    }
}
