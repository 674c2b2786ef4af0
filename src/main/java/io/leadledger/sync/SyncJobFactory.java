package io.leadledger.sync;

import io.leadledger.extract.RecordSources;
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
import org.springframework.batch.core.ChunkListener;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.StepExecutionListener;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the nightly sync job from jobs/: prepare (tenant, channel map, FX rates) -> one chunk step per
 * source file (read -> parse -> stage/quarantine) -> reconcile. Steps are named after source and file,
 * so a restarted run skips the files it already completed.
 */
@Component
public class SyncJobFactory {

    private static final Logger log = LoggerFactory.getLogger(SyncJobFactory.class);
    /**
     * Rows per transaction: big enough that commits and job-repository updates don't dominate (at 5,000 they
     * took a fifth of a million-row import), small enough for memory (a few MB per batch).
     */
    static final int DEFAULT_BATCH_ROWS = 20_000;

    private final int batchRows;
    private final JobRepository jobRepository;
    private final PlatformTransactionManager tx;
    private final StagingRepository staging;
    private final RunAuditRepository audit;
    private final TenantRepository tenants;
    private final FxRateRepository fxRates;
    private final Reconciler reconciler;
    private final LinkOverrideRepository linkOverrides;

    public SyncJobFactory(JobRepository jobRepository, PlatformTransactionManager tx, StagingRepository staging,
                          RunAuditRepository audit, TenantRepository tenants, FxRateRepository fxRates,
                          Reconciler reconciler, LinkOverrideRepository linkOverrides,
                          @org.springframework.beans.factory.annotation.Value("${leadledger.import.batch-rows:"
                                  + DEFAULT_BATCH_ROWS + "}") int batchRows) {
        this.batchRows = batchRows;
        this.jobRepository = jobRepository;
        this.tx = tx;
        this.staging = staging;
        this.audit = audit;
        this.tenants = tenants;
        this.fxRates = fxRates;
        this.reconciler = reconciler;
        this.linkOverrides = linkOverrides;
    }

    public Job build(Workspace ws) {
        SimpleJobBuilder job = new JobBuilder(ws.sync().job(), jobRepository).start(prepareStep(ws));
        for (SourceDefinition source : ws.sync().sources()) {
            List<Path> files = FileGlob.resolve(source.files());
            if (files.isEmpty()) {
                job.next(missingFilesStep(ws, source));
            }
            for (Path file : files) {
                job.next(importStep(ws, source, file));
            }
        }
        return job.next(reconcileStep(ws)).next(sourceProblemsStep(ws)).build();
    }

    private Step prepareStep(Workspace ws) {
        return new StepBuilder("prepare", jobRepository).tasklet((contribution, ctx) -> {
            tenants.save(ws.tenant());
            int overrides = linkOverrides.load(ws.tenant().id(), ws.dir().resolve(LinkOverrideRepository.FILE));
            if (overrides > 0) {
                log.info("link overrides: {} from {}", overrides, ws.dir().resolve(LinkOverrideRepository.FILE));
            }
            if (ws.sync().fxFile() != null) {
                List<Path> fxFiles = FileGlob.resolve(ws.sync().fxFile());
                if (fxFiles.isEmpty()) {
                    throw new JobsConfigException("nightly-sync.yml fx: no file matches '" + ws.sync().fxFile() + "'");
                }
                for (Path f : fxFiles) {
                    int n = fxRates.loadEcbCsv(ws.tenant().id(), f);
                    log.info("fx: {} rates from {}", n, f);
                }
            }
            return RepeatStatus.FINISHED;
        }, tx).allowStartIfComplete(true).build();
    }

    private Step missingFilesStep(Workspace ws, SourceDefinition source) {
        return new StepBuilder(stepName(source, null), jobRepository).tasklet((contribution, ctx) -> {
            throw new JobsConfigException("source '" + source.name() + "': no file matches '" + source.files()
                    + "' (relative to " + Path.of("").toAbsolutePath() + ")");
        }, tx).build();
    }

    private Step importStep(Workspace ws, SourceDefinition source, Path file) {
        String tenant = ws.tenant().id();
        StagingWriter writer = new StagingWriter(tenant, source, file, staging, audit);
        StagedBatchReader reader = new StagedBatchReader(tenant, source, new SourceFileReader(tenant, source, file, audit),
                new RowProcessor(RecordSources.parser(source, ws.tenant().zone())), staging, batchRows);
        ProgressListener progress = new ProgressListener(source.name(), file, reader, writer);
        // one item is one batch of batchRows rows: one transaction per batch
        return new StepBuilder(stepName(source, file), jobRepository)
                .<StagedBatch, StagedBatch>chunk(1, tx)
                .reader(reader)
                .writer(writer)
                .listener((StepExecutionListener) reader)
                .listener(writer)
                .listener((StepExecutionListener) progress)
                .listener((ChunkListener) progress)
                .build();
    }

    private Step reconcileStep(Workspace ws) {
        return new StepBuilder("reconcile", jobRepository).tasklet((contribution, ctx) -> {
            long t0 = System.nanoTime();
            reconciler.reconcile(ws.tenant(), ws.sync(), LocalDate.now(ws.tenant().zone()));
            log.info("reconcile: {} ms", (System.nanoTime() - t0) / 1_000_000);
            return RepeatStatus.FINISHED;
        }, tx).allowStartIfComplete(true).build();
    }

    /** After the reconcile committed: a source it had to leave out (spend without rates) fails the run. */
    private Step sourceProblemsStep(Workspace ws) {
        return new StepBuilder("source-problems", jobRepository).tasklet((contribution, ctx) -> {
            List<String> problems = reconciler.sourceProblems(ws.tenant().id());
            if (!problems.isEmpty()) {
                throw new io.leadledger.reconcile.MissingFxRateException(String.join("\n", problems));
            }
            return RepeatStatus.FINISHED;
        }, tx).allowStartIfComplete(true).build();
    }

    static String stepName(SourceDefinition source, Path file) {
        String name = "import:" + source.name() + ":" + (file == null ? "(no files)" : file.toString());
        return name.length() <= 100 ? name : name.substring(0, 60) + "~" + name.substring(name.length() - 39);
    }
}
