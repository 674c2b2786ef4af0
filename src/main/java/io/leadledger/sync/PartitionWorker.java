package io.leadledger.sync;

import com.rabbitmq.client.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.stereotype.Component;

/**
 * {@code leadledger worker}: takes partitions from the queue (the nightly import's, per tenant x source x file, the
 * reconcile, per tenant, and the monthly reports', per tenant x report) and runs them with Spring Batch's
 * StepExecutionRequestHandler (the worker half of remote partitioning: the partition's StepExecution is read from the
 * shared job repository, the step runs, its outcome is written back there for the manager to read).
 * <p>
 * A message is acknowledged as soon as it is taken: the job repository, not the broker, says what became of a
 * partition. A partition that is no longer waiting (started by a worker that was then killed, failed by the manager,
 * or done) is left alone, so nothing runs twice; a killed worker's partition is failed by the manager when it falls
 * silent, and a restart sends it again. Each consumer takes one message at a time (prefetch 1), so an idle worker
 * is never starved by a busy one holding the queue's messages.
 */
@Component
public class PartitionWorker {

    private static final Logger log = LoggerFactory.getLogger(PartitionWorker.class);

    private final RemotePartitioning remote;
    private final JobRepository jobRepository;
    private final StepExecutionRequestHandler handler;
    private final java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
    private volatile SimpleMessageListenerContainer running;

    public PartitionWorker(RemotePartitioning remote, JobRepository jobRepository, SyncJobFactory factory,
                           java.util.List<WorkerStep> others, Heartbeats heartbeats) {
        this.remote = remote;
        this.jobRepository = jobRepository;
        java.util.Map<String, WorkerStep> steps = new java.util.LinkedHashMap<>();
        steps.put(SyncJobFactory.IMPORT, new ImportWorkerStep(factory, jobRepository, heartbeats));
        steps.put(SyncJobFactory.RECONCILE, new ReconcileWorkerStep(factory, jobRepository, heartbeats));
        others.forEach(s -> steps.put(s.getName(), s));
        this.handler = new StepExecutionRequestHandler();
        handler.setJobRepository(jobRepository);
        handler.setStepLocator(name -> {
            WorkerStep step = steps.get(name);
            if (step == null) {
                throw new IllegalArgumentException("this worker runs " + steps.keySet() + " partitions, not '" + name + "'");
            }
            return step;
        });
    }

    /** Starts {@code threads} consumers on the queue; the container is the caller's to stop (it finishes what it runs). */
    public SimpleMessageListenerContainer start(int threads) {
        remote.requireSharedDatabase();
        remote.declareQueue();
        SimpleMessageListenerContainer c = new SimpleMessageListenerContainer(remote.connections());
        c.setQueueNames(remote.settings().queue());
        c.setConcurrentConsumers(threads);
        c.setPrefetchCount(1);
        c.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        // a stop (SIGTERM) lets running partitions finish for this long before the process goes
        c.setShutdownTimeout(remote.settings().stallTimeout().toMillis());
        c.setMessageListener((ChannelAwareMessageListener) this::onMessage);
        c.afterPropertiesSet();
        c.start();
        return c;
    }

    /** Starts serving the queue; {@link #awaitStop} then holds the caller until the process is told to stop. */
    public void listen(int threads) {
        running = start(threads);
    }

    /** Until SIGTERM or Ctrl-C; the running partitions finish first. */
    public void awaitStop() throws InterruptedException {
        stop.await();
    }

    @jakarta.annotation.PreDestroy
    public void stop() {
        SimpleMessageListenerContainer c = running;
        if (c != null) {
            log.info("worker stopping: waiting for the partitions it runs");
            c.stop();
        }
        stop.countDown();
    }

    private void onMessage(Message message, Channel channel) throws Exception {
        channel.basicAck(message.getMessageProperties().getDeliveryTag(), false);
        StepExecutionRequest request;
        try {
            request = PartitionMessage.request(message);
        } catch (IllegalArgumentException e) {
            log.error("queue {}: {}: dropped", remote.settings().queue(), e.getMessage());
            return;
        }
        run(request);
    }

    /** Runs one request if its partition is still waiting for a worker. */
    void run(StepExecutionRequest request) {
        StepExecution p = jobRepository.getStepExecution(request.getStepExecutionId());
        if (p == null) {
            log.warn("partition {} is not in the job repository (the run was deleted?): dropped", request.getStepExecutionId());
            return;
        }
        if (p.getStatus() != BatchStatus.STARTING) {
            log.warn("{} (partition {}) is {}, not waiting: left alone", p.getStepName(), p.getId(), p.getStatus());
            return;
        }
        StepExecution after = handler.handle(request);
        if (after.getStatus() == BatchStatus.FAILED && !after.getFailureExceptions().isEmpty()) {
            log.error("{}: {}", after.getStepName(), after.getFailureExceptions().get(0).getMessage());
        }
    }
}
