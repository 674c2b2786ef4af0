package io.leadledger.sync;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One partition per source x file, its ExecutionContext keyed by tenant, source name, file path and the file's
 * content hash. A file that cannot be hashed here is left to its partition, which fails on it alone.
 */
class ImportPartitioner implements Partitioner {

    static final String SOURCE = "source";
    static final String FILE = "file";
    /** The file's place among its source's files (the manager's waves, and a worker's ImportTarget). */
    static final String ORDER = "order";

    private final String tenant;
    private final Collection<ImportTarget> targets;
    private final java.nio.file.Path jobs;

    ImportPartitioner(String tenant, java.nio.file.Path jobs, Collection<ImportTarget> targets) {
        this.tenant = tenant;
        this.jobs = jobs.toAbsolutePath().normalize();
        this.targets = targets;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        for (ImportTarget t : targets) {
            ExecutionContext ctx = new ExecutionContext();
            ctx.putString(SOURCE, t.source().name());
            WorkerStep.locate(ctx, tenant, jobs);
            ctx.putInt(ORDER, t.order());
            if (t.file() != null) {
                ctx.putString(FILE, t.file().toString());
                try {
                    ctx.putString(SourceFileReader.HASH, SourceFileReader.sha256(t.file()));
                } catch (ItemStreamException e) {
                    // unreadable: the partition's reader hashes it again and fails with the reason
                }
            }
            partitions.put(t.partitionName(), ctx);
        }
        return partitions;
    }
}
