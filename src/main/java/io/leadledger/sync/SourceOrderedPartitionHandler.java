package io.leadledger.sync;

import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.core.task.TaskExecutor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Function;

/**
 * Runs the import's partitions on the task executor's threads, the sources in parallel and the files of one
 * source one after the other in file order: when two files of a source hold the same record, the later file's
 * version is the one staged, as it was before partitions, and two threads never upsert the same keys.
 */
class SourceOrderedPartitionHandler extends TaskExecutorPartitionHandler {

    private final TaskExecutor executor;
    private final Function<StepExecution, ImportTarget> targets;

    SourceOrderedPartitionHandler(Step worker, TaskExecutor executor, Function<StepExecution, ImportTarget> targets) {
        this.executor = executor;
        this.targets = targets;
        setStep(worker);
        setTaskExecutor(executor);
    }

    @Override
    protected Set<StepExecution> doHandle(StepExecution manager, Set<StepExecution> partitions) throws Exception {
        Map<String, List<StepExecution>> bySource = new TreeMap<>();
        for (StepExecution p : partitions) {
            bySource.computeIfAbsent(targets.apply(p).source().name(), k -> new ArrayList<>()).add(p);
        }
        List<Future<List<StepExecution>>> running = new ArrayList<>();
        for (List<StepExecution> files : bySource.values()) {
            files.sort(Comparator.comparingInt(p -> targets.apply(p).order()));
            FutureTask<List<StepExecution>> task = new FutureTask<>(() -> {
                for (StepExecution p : files) {
                    getStep().execute(p); // a failed file fails its own execution; the source's next file still runs
                }
                return files;
            });
            executor.execute(task);
            running.add(task);
        }
        Set<StepExecution> done = new HashSet<>();
        for (Future<List<StepExecution>> f : running) {
            done.addAll(f.get());
        }
        return done;
    }
}
