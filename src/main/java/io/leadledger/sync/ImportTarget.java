package io.leadledger.sync;

import io.leadledger.jobs.SourceDefinition;

import java.nio.file.Path;

/**
 * What one partition of the import reads: a file of a source ({@code file} null when the source's pattern
 * matched nothing: the partition fails and says so). {@code order} is the file's place among its source's files.
 */
record ImportTarget(SourceDefinition source, Path file, int order) {

    /** The partition's name; the partitioned step names its execution "import:" + this. */
    String partitionName() {
        return SyncJobFactory.stepName(source, file).substring(SyncJobFactory.IMPORT.length() + 1);
    }
}
