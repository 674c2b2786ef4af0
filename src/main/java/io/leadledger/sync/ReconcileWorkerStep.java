package io.leadledger.sync;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;

/**
 * The worker's reconcile step: one tenant's reconcile, exactly the manager's tasklet (its job parameters, the as-of
 * day and --full, come with the run), run on the worker against the shared warehouse in one transaction.
 */
class ReconcileWorkerStep extends WorkerStep {

    private final SyncJobFactory factory;

    ReconcileWorkerStep(SyncJobFactory factory, JobRepository jobRepository, Heartbeats heartbeats) {
        super(jobRepository, heartbeats);
        this.factory = factory;
    }

    @Override
    public String getName() {
        return SyncJobFactory.RECONCILE;
    }

    @Override
    protected Step stepFor(StepExecution partition) {
        return factory.reconcileTasklet(partition.getStepName(), workspace(partition.getExecutionContext()));
    }
}
