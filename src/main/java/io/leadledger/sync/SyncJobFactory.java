package io.leadledger.sync;

import io.leadledger.extract.ParsedRow;
import io.leadledger.extract.RecordSources;
import io.leadledger.extract.RowRejectedException;
import io.leadledger.jobs.JobsConfigException;
import io.leadledger.jobs.SourceDefinition;
import io.leadledger.jobs.Workspace;
import io.leadledger.reconcile.Reconciler;
import io.leadledger.warehouse.FxRateRepository;
import io.leadledger.warehouse.RunAuditRepository;
import io.leadledger.warehouse.StagingRepository;
import io.leadledger.warehouse.LinkOverrideRepository;
import io.leadledger.warehouse.TenantRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the nightly sync job from jobs/: prepare (tenant, channel map, FX rates) -> one chunk step per
 * source file (read -> parse -> stage/quarantine) -> reconcile. Steps are named after source and file,
 * so a restarted run skips the files it already completed.
 */
@Component
public class SyncJobFactory {

    private static final Logger log = LoggerFactory.getLogger(SyncJobFactory.class);
    /**
     * Job parameter: the tenant's day at launch, from the Clock; "never touched" is counted from it. A restart keeps
     * its run's parameters, so a night restarted on a later day reconciles as it would have on its own day.
     */
    public static final String AS_OF = "asOf";
    /** What a sync run's reconcile did: "rebuilt", "kept: " and why, or "increment: " and its size; null when it did not reconcile. */
    public static String reconcileDid(org.springframework.batch.core.job.JobExecution e) {
        // "reconcile", or its one partition "reconcile:<tenant>" when a worker ran it
        return e.getStepExecutions().stream().filter(s -> s.getStepName().equals(RECONCILE) || s.getStepName().startsWith(RECONCILE + ":"))
                .map(s -> s.getExecutionContext().getString(RECONCILE_DID, "")).filter(r -> !r.isEmpty())
                .findFirst().orElse(null);
    }

    static final String RECONCILE_DID = "reconcile";
    static final String RECONCILE = "reconcile";

    /** Job parameter: "true" rebuilds every reconciled table even when its inputs did not change. */
    public static final String FULL = "full";
    /** The partitioned step; its partitions' executions are named "import:" + source + ":" + file. */
    static final String IMPORT = "import";

    private final int batchRows;
    private final io.leadledger.warehouse.CountAuditRepository countAudit;
    private final io.leadledger.warehouse.WatermarkRepository watermarks;
    private final io.leadledger.extract.api.ApiConnectors connectors;
    private final int threads;
    private final JobRepository jobRepository;
    private final PlatformTransactionManager tx;
    private final StagingRepository staging;
    private final RunAuditRepository audit;
    private final TenantRepository tenants;
    private final FxRateRepository fxRates;
    private final Reconciler reconciler;
    private final LinkOverrideRepository linkOverrides;
    private final Clock clock;
    private final RemotePartitioning remote;
    private final Heartbeats heartbeats;

    public SyncJobFactory(JobRepository jobRepository, PlatformTransactionManager tx, StagingRepository staging,
                          RunAuditRepository audit, TenantRepository tenants, FxRateRepository fxRates,
                          Reconciler reconciler, LinkOverrideRepository linkOverrides, Clock clock,
                          io.leadledger.LeadledgerProperties settings, io.leadledger.warehouse.WatermarkRepository watermarks,
                          io.leadledger.extract.api.ApiConnectors connectors,
                          io.leadledger.warehouse.CountAuditRepository countAudit, RemotePartitioning remote,
                          Heartbeats heartbeats) {
        this.remote = remote;
        this.heartbeats = heartbeats;
        this.countAudit = countAudit;
        this.watermarks = watermarks;
        this.connectors = connectors;
        this.batchRows = settings.imports().batchRows();
        this.threads = Math.max(1, settings.imports().threads());
        this.jobRepository = jobRepository;
        this.tx = tx;
        this.staging = staging;
        this.audit = audit;
        this.tenants = tenants;
        this.fxRates = fxRates;
        this.reconciler = reconciler;
        this.linkOverrides = linkOverrides;
        this.clock = clock;
    }

    /**
     * prepare -> each source's files (and its follow-files step) -> reconcile -> check-sources. A source whose
     * file cannot be read fails its own step only: the other sources still load and reconcile, and the run ends
     * FAILED afterwards (check-sources), so cron sees it and {@code restart} retries just the failed files.
     */
    public Job build(Workspace ws) {
        Map<String, ImportTarget> targets = new LinkedHashMap<>();
        List<Step> followSteps = new ArrayList<>();
        for (SourceDefinition source : ws.sync().sources()) {
            if (source.isApi()) {
                ImportTarget t = new ImportTarget(source, null, 0);
                targets.put(t.partitionName(), t);
                continue;
            }
            List<Path> files = FileGlob.resolve(source.files(), ws.sync().followSymlinks());
            if (files.isEmpty()) {
                ImportTarget t = new ImportTarget(source, null, 0);
                targets.put(t.partitionName(), t);
            }
            for (int i = 0; i < files.size(); i++) {
                ImportTarget t = new ImportTarget(source, files.get(i), i);
                targets.putIfAbsent(t.partitionName(), t);
            }
            if (source.stagingFollowsFiles() && !files.isEmpty()) {
                followSteps.add(followFilesStep(ws, source, files));
            }
        }
        List<Step> sourceSteps = new ArrayList<>();
        if (!targets.isEmpty()) {
            sourceSteps.add(importStep(ws, targets));
        }
        sourceSteps.addAll(followSteps);
        Step reconcile = reconcileStep(ws);
        var flow = new JobBuilder(ws.sync().job(), jobRepository).flow(prepareStep(ws));
        if (sourceSteps.isEmpty()) {
            flow.next(reconcile);
        } else {
            flow.next(sourceSteps.get(0));
            for (int i = 0; i < sourceSteps.size(); i++) {
                // whatever became of a file, go on: one bad file costs its source, not the night
                flow.from(sourceSteps.get(i)).on("*").to(i + 1 < sourceSteps.size() ? sourceSteps.get(i + 1) : reconcile);
            }
        }
        Step check = checkSourcesStep(ws);
        if (ws.sync().sources().stream().anyMatch(SourceDefinition::isApi)) {
            Step counted = countAuditStep(ws);
            flow.from(reconcile).on("COMPLETED").to(counted).from(reconcile).on("*").fail();
            flow.from(counted).on("*").to(check);
        } else {
            flow.from(reconcile).on("COMPLETED").to(check).from(reconcile).on("*").fail();
        }
        flow.from(check).on("COMPLETED").end().from(check).on("*").fail();
        return flow.end().build();
    }

    /**
     * The import as one partitioned step: a partition per source x file ({@link ImportPartitioner}), run on
     * {@code leadledger.import.threads} threads (sources in parallel, a source's files in order), each a chunk
     * step of its own. A failed partition fails the step, the flow goes on, check-sources names the source, and
     * a restart runs exactly the partitions that did not complete, from their last committed chunk.
     */
    private Step importStep(Workspace ws, Map<String, ImportTarget> targets) {
        java.util.function.Function<org.springframework.batch.core.step.StepExecution, ImportTarget> target =
                p -> targets.get(p.getStepName().substring(IMPORT.length() + 1));
        Step worker = new Step() {
            @Override
            public String getName() {
                return IMPORT;
            }

            @Override
            public void execute(org.springframework.batch.core.step.StepExecution partition)
                    throws org.springframework.batch.core.job.JobInterruptedException {
                partitionStep(ws, target.apply(partition)).execute(partition);
            }
        };
        org.springframework.batch.core.partition.PartitionHandler handler;
        if (remote.remote()) {
            // the partitions go to `leadledger worker` processes
            handler = new RemotePartitionHandler(IMPORT, jobRepository, remote, heartbeats, p -> target.apply(p).order());
        } else {
            var executor = new org.springframework.core.task.SimpleAsyncTaskExecutor("import-");
            executor.setConcurrencyLimit(threads);
            handler = new SourceOrderedPartitionHandler(worker, executor, target);
        }
        return new StepBuilder(IMPORT, jobRepository)
                .partitioner(IMPORT, new ImportPartitioner(ws.tenant().id(), ws.dir(), targets.values()))
                .partitionHandler(handler)
                .listener(new StepExecutionListener() {
                    @Override
                    public void beforeStep(org.springframework.batch.core.step.StepExecution manager) {
                        finishInterrupted(ws, targets.values(), manager);
                    }
                })
                .build();
    }

    /**
     * One partition's own step: reader, processor and writer hold one file's state, so each partition gets a chunk
     * step of its own, here or on a worker ({@link ImportWorkerStep}).
     */
    Step partitionStep(Workspace ws, ImportTarget t) {
        return t.source().isApi() ? apiStep(ws, t.source())
                : t.file() == null ? missingFilesStep(t.source()) : fileStep(ws, t.source(), t.file());
    }

    /**
     * Batch saves a step COMPLETED before it calls the step's listeners (AbstractStep), so a process killed between
     * the two leaves a partition complete whose writer never ran its afterStep: no audit line, no file registered,
     * no watermark. A restart does not run a complete partition again: this does that part of it, from what the
     * partition saved (its counts, hash and window are in its ExecutionContext, written before it was saved
     * complete).
     */
    private void finishInterrupted(Workspace ws, java.util.Collection<ImportTarget> targets,
                                   org.springframework.batch.core.step.StepExecution manager) {
        var instance = manager.getJobExecution().getJobInstance();
        for (ImportTarget t : targets) {
            if (!t.source().isApi() && t.file() == null) {
                continue; // a source without files: its step writes its own line
            }
            var last = jobRepository.getLastStepExecution(instance, IMPORT + ":" + t.partitionName());
            if (last == null || last.getStatus() != org.springframework.batch.core.BatchStatus.COMPLETED
                    || last.getJobExecutionId() == manager.getJobExecutionId()
                    || audit.hasLine(last.getJobExecutionId(), t.source().name(),
                            t.source().isApi() ? t.source().api().location() : t.file().toString())) {
                continue;
            }
            log.warn("{} {}: completed in run {}, which was interrupted before it recorded the file: recording it now",
                    t.source().name(), t.source().isApi() ? t.source().api().location() : t.file(), last.getJobExecutionId());
            StagingWriter writer = t.source().isApi()
                    ? new StagingWriter(ws.tenant().id(), t.source(), null, MappingKey.of(t.source(), ws.tenant().zone()),
                            staging, audit, null, watermarks)
                    : new StagingWriter(ws.tenant().id(), t.source(), t.file(), MappingKey.of(t.source(), ws.tenant().zone()),
                            staging, audit, null);
            writer.beforeStep(last);
            writer.afterStep(last);
        }
    }

    /**
     * Fails the run, after reconcile, when a source's file failed in it, or when the reconcile had to leave a
     * source out (a spend source without exchange rates): one line naming the sources.
     */
    private Step checkSourcesStep(Workspace ws) {
        return new StepBuilder("check-sources", jobRepository).tasklet((contribution, ctx) -> {
            List<String> failed = new ArrayList<>();
            for (var s : ctx.getStepContext().getStepExecution().getJobExecution().getStepExecutions()) {
                if (s.getStepName().startsWith("import:") && s.getStatus() == BatchStatus.FAILED) {
                    String name = s.getStepName().substring("import:".length());
                    String src = "'" + name.substring(0, Math.max(0, name.indexOf(':'))) + "'";
                    if (!failed.contains(src)) {
                        failed.add(src);
                    }
                }
            }
            List<String> problems = reconciler.sourceProblems(ws.tenant().id());
            if (!failed.isEmpty()) {
                throw new SourcesNotLoadedException("not loaded in this run: source " + String.join(", ", failed)
                        + " (see the failed step); the other sources were loaded and reconciled"
                        + (problems.isEmpty() ? "" : "; also: " + String.join("; ", problems)));
            }
            if (!problems.isEmpty()) {
                throw new io.leadledger.reconcile.MissingFxRateException(String.join("\n", problems));
            }
            return RepeatStatus.FINISHED;
        }, tx).listener(failedImportsRestartable()).allowStartIfComplete(true).build();
    }

    /**
     * The flow goes on past a failed file, which marks its step ABANDONED - and an abandoned step is never restarted:
     * marked FAILED again (outside the next step's transaction, which may roll back), so `restart` retries exactly
     * the files that failed. On the reconcile, so that a reconcile that fails too leaves them restartable, and on
     * check-sources.
     */
    private StepExecutionListener failedImportsRestartable() {
        return new StepExecutionListener() {
            @Override
            public void beforeStep(org.springframework.batch.core.step.StepExecution next) {
                for (var s : next.getJobExecution().getStepExecutions()) {
                    boolean importing = s.getStepName().equals(IMPORT) || s.getStepName().startsWith("import:");
                    if (importing && s.getStatus() == BatchStatus.ABANDONED) {
                        s.setStatus(BatchStatus.FAILED);
                        jobRepository.update(s);
                    }
                }
            }
        };
    }

    /**
     * The count audit of the API sources read completely in this run (or in the run it restarts): the API's own
     * count, taken by the reader after the last page, beside the source's live staging rows after the reconcile
     * (which lists the records merged away). A difference is the run's alert ({@code RunGuard}) and the reports'
     * appendix, not a failure: the data loaded is still good.
     */
    private Step countAuditStep(Workspace ws) {
        return new StepBuilder("count-audit", jobRepository).tasklet((contribution, ctx) -> {
            var run = ctx.getStepContext().getStepExecution().getJobExecution();
            String tenant = ws.tenant().id();
            for (SourceDefinition source : ws.sync().sources()) {
                if (!source.isApi()) {
                    continue;
                }
                var read = jobRepository.getLastStepExecution(run.getJobInstance(), stepName(source, null));
                if (read == null || read.getStatus() != BatchStatus.COMPLETED) {
                    continue; // not read completely: check-sources fails the run and names it
                }
                var c = read.getExecutionContext();
                Long total = c.containsKey(ApiSourceReader.TOTAL) ? c.getLong(ApiSourceReader.TOTAL) : null;
                String note = total != null ? null : c.getString(ApiSourceReader.TOTAL_NOTE,
                        io.leadledger.warehouse.CountAuditRepository.NOT_GIVEN);
                var line = new io.leadledger.warehouse.CountAuditRepository.Line(source.name(), total,
                        countAudit.warehouseCount(tenant, source.name(), source.kind()), note, run.getId());
                countAudit.record(tenant, run.getId(), line);
                if (line.differs()) {
                    log.warn("count audit: {}", line.describe());
                } else {
                    log.info("count audit: {}", line.describe());
                }
            }
            return RepeatStatus.FINISHED;
        }, tx).allowStartIfComplete(true).build();
    }

    /** Staging keeps only what the source's current files provide: rows of files no longer delivered go. */
    private Step followFilesStep(Workspace ws, SourceDefinition source, List<Path> files) {
        return new StepBuilder("follow-files:" + source.name(), jobRepository).tasklet((contribution, ctx) -> {
            int dropped = staging.dropRowsOfOtherFiles(ws.tenant().id(), source.name(), source.kind(),
                    files.stream().map(Path::toString).toList());
            if (dropped > 0) {
                log.info("{}: {} staged rows dropped, their files are no longer delivered (stagingFollowsFiles)",
                        source.name(), dropped);
            }
            return RepeatStatus.FINISHED;
        }, tx).allowStartIfComplete(true).build();
    }

    private Step prepareStep(Workspace ws) {
        return new StepBuilder("prepare", jobRepository).tasklet((contribution, ctx) -> {
            tenants.save(ws.tenant());
            int overrides = linkOverrides.load(ws.tenant().id(), ws.dir().resolve(LinkOverrideRepository.FILE));
            if (overrides > 0) {
                log.info("link overrides: {} from {}", overrides, ws.dir().resolve(LinkOverrideRepository.FILE));
            }
            if (ws.sync().fxFile() != null) {
                List<Path> fxFiles = FileGlob.resolve(ws.sync().fxFile(), ws.sync().followSymlinks());
                if (fxFiles.isEmpty()) {
                    throw new JobsConfigException("nightly-sync.yml fx: no file matches '" + ws.sync().fxFile() + "'");
                }
                long runId = ctx.getStepContext().getStepExecution().getJobExecutionId();
                for (Path f : fxFiles) {
                    FxRateRepository.FxLoad n;
                    try {
                        n = fxRates.loadEcbCsv(ws.tenant().id(), f, runId);
                    } catch (IllegalArgumentException e) {
                        throw new JobsConfigException(e.getMessage()); // one line naming the file, no trace
                    }
                    log.info("fx: {} rates from {}{}", n.loaded(), f,
                            n.rejected() == 0 ? "" : " (" + n.rejected() + " refused, see quarantine)");
                }
            }
            return RepeatStatus.FINISHED;
        }, tx).allowStartIfComplete(true).build();
    }

    private Step missingFilesStep(SourceDefinition source) {
        return new StepBuilder(stepName(source, null), jobRepository).tasklet((contribution, ctx) -> {
            throw new JobsConfigException("source '" + source.name() + "': no file matches '" + source.files()
                    + "' (relative to " + Path.of("").toAbsolutePath() + ")");
        }, tx).build();
    }

    /**
     * One file as a chunk step: the file's rows, parsed up to a chunk ahead on the reader's own thread
     * ({@link SourceFileReader} with {@link RowParsing}; its restart state in the step's ExecutionContext) ->
     * {@link RowProcessor} -> {@link StagingWriter}, {@code batchRows} rows a chunk. A rejected
     * row is Batch's skip, without rollback (the processor remembers the ids it saw, so it must see each row once),
     * written to quarantine by the writer as skip listener; a duplicate is filtered.
     */
    private Step fileStep(Workspace ws, SourceDefinition source, Path file) {
        String tenant = ws.tenant().id();
        String mappingKey = MappingKey.of(source, ws.tenant().zone());
        RowParsing parsing = new RowParsing(RecordSources.parser(source, ws.tenant().zone()));
        RowProcessor processor = new RowProcessor(source.mapping().columnsOrEmpty().get("amount"));
        SourceFileReader reader = new SourceFileReader(tenant, source, file, mappingKey, audit, parsing, batchRows);
        StagingWriter writer = new StagingWriter(tenant, source, file, mappingKey, staging, audit, processor);
        StepExecutionListener conversions = new StepExecutionListener() {
            @Override
            public void beforeStep(org.springframework.batch.core.step.StepExecution s) {
                // tonight's rates are loaded by now (prepare): bound what an amount may be converted to
                processor.limitConversions(fxRates.maxFactorsTo(tenant, ws.tenant().reportingCurrency()),
                        ws.tenant().reportingCurrency());
            }
        };
        ProgressListener progress = new ProgressListener(source.name(), file, reader, parsing, writer);
        // reader and writer are registered by the builder as the step's stream and listeners
        return new StepBuilder(stepName(source, file), jobRepository)
                // Batch 6's chunk-oriented step: a rejected row is skipped where it is processed (nothing is rolled
                // back, the writer has not run), without the per-item retry machinery of the legacy step
                .<ParsedRow, ParsedRow>chunk(batchRows)
                .transactionManager(tx)
                .reader(reader)
                .processor(processor)
                .writer(writer)
                .faultTolerant()
                .skipPolicy((t, skipped) -> t instanceof RowRejectedException)
                .skipListener(writer)
                // a chunk retried after a failed write keeps its parsed rows: parsing it again would find every id
                // already seen and stage nothing
                .processorNonTransactional()
                .listener(conversions)
                .listener((StepExecutionListener) progress)
                .listener((ChunkListener<ParsedRow, ParsedRow>) progress)
                .build();
    }

    /**
     * An API source as a chunk step, like a file: the changed records ({@link ApiSourceReader}: window and page in
     * the ExecutionContext) -> {@link RowProcessor} -> {@link StagingWriter}, which saves the source's watermark once
     * every page is committed. The token comes from the environment variable jobs/ names.
     */
    private Step apiStep(Workspace ws, SourceDefinition source) {
        String tenant = ws.tenant().id();
        RowParsing parsing = new RowParsing(RecordSources.parser(source, ws.tenant().zone()));
        RowProcessor processor = new RowProcessor(source.mapping().columnsOrEmpty().get("amount"));
        StagingWriter writer = new StagingWriter(tenant, source, null, MappingKey.of(source, ws.tenant().zone()),
                staging, audit, processor, watermarks);
        return new StepBuilder(stepName(source, null), jobRepository)
                .<ParsedRow, ParsedRow>chunk(batchRows)
                .transactionManager(tx)
                .reader(new ApiSourceReader(tenant, source, connectors.connector(source), parsing, watermarks, clock))
                .processor(processor)
                .writer(writer)
                .faultTolerant()
                .skipPolicy((t, skipped) -> t instanceof RowRejectedException)
                .skipListener(writer)
                .processorNonTransactional()
                .build();
    }

    /**
     * The tenant's reconcile: here, or with remote partitioning as one partition ("reconcile:" + tenant) that a
     * worker runs ({@link ReconcileWorkerStep}), in one transaction there as here. Either way it runs on every restart.
     */
    private Step reconcileStep(Workspace ws) {
        if (!remote.remote()) {
            return reconcileTasklet(RECONCILE, ws, failedImportsRestartable());
        }
        org.springframework.batch.core.partition.Partitioner tenant = grid -> {
            var ctx = new org.springframework.batch.infrastructure.item.ExecutionContext();
            WorkerStep.locate(ctx, ws.tenant().id(), ws.dir());
            return Map.of(ws.tenant().id(), ctx);
        };
        return new StepBuilder(RECONCILE, jobRepository).partitioner(RECONCILE, tenant)
                .partitionHandler(new RemotePartitionHandler(RECONCILE, jobRepository, remote, heartbeats, p -> 0))
                .listener(failedImportsRestartable())
                .allowStartIfComplete(true)
                .build();
    }

    Step reconcileTasklet(String name, Workspace ws, StepExecutionListener... listeners) {
        var builder = new StepBuilder(name, jobRepository).tasklet((contribution, ctx) -> {
            long t0 = System.nanoTime();
            // the day of the launch, also when the run is restarted on a later day
            var step = ctx.getStepContext().getStepExecution();
            LocalDate asOf = step.getJobParameters().getLocalDate(AS_OF);
            // a night whose inputs did not change keeps the tables, unless the run asks for a full rebuild
            boolean full = "true".equals(step.getJobParameters().getString(FULL));
            Reconciler.Timings t = reconciler.reconcile(ws.tenant(), ws.sync(),
                    asOf != null ? asOf : LocalDate.now(clock.withZone(ws.tenant().zone())), full, step.getJobExecutionId());
            step.getExecutionContext().putString(RECONCILE_DID, t.did());
            log.info("reconcile: {} ms", (System.nanoTime() - t0) / 1_000_000);
            return RepeatStatus.FINISHED;
        }, tx);
        for (StepExecutionListener l : listeners) {
            builder.listener(l);
        }
        return builder.allowStartIfComplete(true).build();
    }

    static String stepName(SourceDefinition source, Path file) {
        String name = IMPORT + ":" + source.name() + ":" + (source.isApi() ? source.api().location()
                : file == null ? "(no files)" : file.toString());
        return name.length() <= 100 ? name : name.substring(0, 60) + "~" + name.substring(name.length() - 39);
    }
}
