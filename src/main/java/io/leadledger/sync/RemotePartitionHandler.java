package io.leadledger.sync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.partition.support.AbstractPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.dao.OptimisticLockingFailureException;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The manager's side of remote partitioning: each partition's StepExecutionRequest goes to the queue, a worker runs
 * it, and its outcome is read back from the shared job repository (Spring Batch's "poll the repository" mode, without
 * a reply queue). Two things Batch's MessageChannelPartitionHandler does not do, and the import needs:
 * <ul>
 * <li>a source's files in file order: the partitions go out in waves, the first file of every source, then the
 * second, ..., so two workers never stage two files of one source at once (the later file's version of a record is
 * the one kept, as on one machine);</li>
 * <li>a lost worker noticed by its silence, not by one long timeout: a started partition whose heartbeat
 * ({@link Heartbeats}) and record (each chunk commit moves it) have not moved for {@code stallTimeout} is failed here
 * and named, so the run ends FAILED and {@code restart} sends exactly the partitions that did not complete.</li>
 * </ul>
 */
public class RemotePartitionHandler extends AbstractPartitionHandler {

    private static final Logger log = LoggerFactory.getLogger(RemotePartitionHandler.class);

    private final String workerStep;
    private final JobRepository jobRepository;
    private final RemotePartitioning remote;
    private final Function<StepExecution, Integer> wave;
    private final Heartbeats heartbeats;

    /** {@code wave}: the partitions of wave 0 go out first, those of wave 1 once they are all done, and so on. */
    public RemotePartitionHandler(String workerStep, JobRepository jobRepository, RemotePartitioning remote,
                                  Heartbeats heartbeats, Function<StepExecution, Integer> wave) {
        this.heartbeats = heartbeats;
        this.workerStep = workerStep;
        this.jobRepository = jobRepository;
        this.remote = remote;
        this.wave = wave;
    }

    @Override
    protected Set<StepExecution> doHandle(StepExecution manager, Set<StepExecution> partitions) throws Exception {
        Map<Integer, List<StepExecution>> waves = new TreeMap<>();
        for (StepExecution p : partitions) {
            waves.computeIfAbsent(wave.apply(p), k -> new ArrayList<>()).add(p);
        }
        RabbitTemplate template = null;
        String unreachable = null;
        try {
            remote.declareQueue();
            template = remote.template();
        } catch (AmqpException e) {
            unreachable = remote.broker().where() + " cannot be reached: " + rootMessage(e);
        }
        Set<StepExecution> done = new HashSet<>();
        for (List<StepExecution> wave : waves.values()) {
            wave.sort(java.util.Comparator.comparing(StepExecution::getStepName));
            List<StepExecution> sent = new ArrayList<>();
            for (StepExecution p : wave) {
                if (unreachable == null) {
                    try {
                        template.send(PartitionMessage.of(new StepExecutionRequest(workerStep, p.getId()), manager.getJobExecutionId()));
                        sent.add(p);
                        continue;
                    } catch (AmqpException e) {
                        unreachable = remote.broker().where() + " cannot be reached: " + rootMessage(e);
                    }
                }
                // never sent: failed here, so the run ends FAILED naming it and a restart sends it
                done.add(lose(p, "not sent to a worker: " + unreachable));
            }
            done.addAll(await(sent));
        }
        // the job execution holds the manager's own copies of its partitions (check-sources reads them): bring the
        // workers' outcome into them
        Map<Long, StepExecution> byId = new java.util.HashMap<>();
        done.forEach(d -> byId.put(d.getId(), d));
        for (StepExecution p : partitions) {
            StepExecution d = byId.get(p.getId());
            if (d != null && d != p) {
                copy(d, p);
            }
        }
        return new HashSet<>(partitions);
    }

    private static void copy(StepExecution from, StepExecution to) {
        to.setStatus(from.getStatus());
        to.setExitStatus(from.getExitStatus());
        to.setStartTime(from.getStartTime());
        to.setEndTime(from.getEndTime());
        to.setLastUpdated(from.getLastUpdated());
        to.setReadCount(from.getReadCount());
        to.setWriteCount(from.getWriteCount());
        to.setFilterCount(from.getFilterCount());
        to.setCommitCount(from.getCommitCount());
        to.setRollbackCount(from.getRollbackCount());
        to.setReadSkipCount(from.getReadSkipCount());
        to.setWriteSkipCount(from.getWriteSkipCount());
        to.setProcessSkipCount(from.getProcessSkipCount());
        to.setExecutionContext(from.getExecutionContext());
        to.setVersion(from.getVersion());
        if (from.getStatus() == BatchStatus.FAILED && to.getFailureExceptions().isEmpty()) {
            // the worker's exception stayed on the worker: its first line is in the job repository, say it here
            String why = firstLine(from.getExitStatus().getExitDescription());
            to.addFailureException(new IllegalStateException(why.isEmpty() ? "failed on a worker (see its log)" : why));
        }
    }

    /** The first line of an exit description, without the exception's class name a stack trace starts with. */
    static String firstLine(String description) {
        String line = description == null ? "" : description.lines().findFirst().orElse("").strip();
        return line.replaceFirst("^([a-z][\\w$]*\\.)+[A-Z][\\w$]*(Exception|Error): ", "");
    }

    /** Reads the partitions' state until none is running; fails those whose worker went silent or never came. */
    private List<StepExecution> await(List<StepExecution> sent) throws InterruptedException {
        RemoteSettings s = remote.settings();
        Map<Long, Watch> pending = new LinkedHashMap<>();
        long now = System.nanoTime();
        for (StepExecution p : sent) {
            pending.put(p.getId(), new Watch(p.getStepName(), null, now));
        }
        List<StepExecution> finished = new ArrayList<>();
        long wait = Math.min(50, s.pollInterval().toMillis());
        while (!pending.isEmpty()) {
            // a quick partition (a file unchanged since last night) is seen at once; a long one every poll interval
            Thread.sleep(wait);
            wait = Math.min(wait * 2, s.pollInterval().toMillis());
            now = System.nanoTime();
            for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                StepExecution p = jobRepository.getStepExecution(e.getKey());
                if (p == null) {
                    throw new IllegalStateException("partition " + e.getValue().name() + " is no longer in the job repository");
                }
                if (!p.getStatus().isRunning()) {
                    finished.add(p);
                    it.remove();
                    continue;
                }
                Watch w = e.getValue();
                String mark = p.getStatus() + "/" + p.getVersion() + "/" + p.getLastUpdated() + "/" + heartbeats.beats(p.getId());
                if (!mark.equals(w.mark())) {
                    w = new Watch(w.name(), mark, now); // it moved: the worker is alive
                    e.setValue(w);
                }
                Duration quiet = Duration.ofNanos(now - w.since());
                String lost = null;
                if (p.getStatus() == BatchStatus.STARTING && quiet.compareTo(s.startTimeout()) > 0) {
                    lost = "no worker took it in " + human(s.startTimeout()) + " (is a 'leadledger worker' running on queue '"
                            + s.queue() + "' of " + remote.broker().where() + "?)";
                } else if (p.getStatus() != BatchStatus.STARTING && quiet.compareTo(s.stallTimeout()) > 0) {
                    lost = "its worker stopped reporting progress and its heartbeat " + human(s.stallTimeout())
                            + " ago (killed, or cut off from the database?)";
                }
                if (lost != null) {
                    try {
                        finished.add(lose(p, lost));
                        it.remove();
                    } catch (OptimisticLockingFailureException moved) {
                        // the worker wrote just now: alive after all, watch it again
                    }
                }
            }
        }
        return finished;
    }

    /** Marks a partition FAILED with the reason; a worker that still holds it loses its next write (version). */
    private StepExecution lose(StepExecution p, String why) {
        StepExecution fresh = Objects.requireNonNullElse(jobRepository.getStepExecution(p.getId()), p);
        log.error("{}: {}", fresh.getStepName(), why);
        fresh.setStatus(BatchStatus.FAILED);
        fresh.setExitStatus(ExitStatus.FAILED.addExitDescription(why));
        fresh.setEndTime(LocalDateTime.now());
        jobRepository.update(fresh);
        heartbeats.forget(fresh.getId());
        return fresh;
    }

    private static String human(Duration d) {
        return d.toSeconds() % 60 == 0 && d.toMinutes() > 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }

    private record Watch(String name, String mark, long since) {
    }
}
