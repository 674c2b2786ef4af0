package io.leadledger.sync;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * A partition's counts over every attempt at it, kept in its ExecutionContext ({@code rows.*}): those saved by
 * the attempts before, plus Batch's counts of this one. Both readers (a file's, an API source's) save them with
 * each committed chunk; the writer's audit line reads them.
 */
final class PartitionCounts {

    private final long[] before;

    /** The counts the attempts before this one saved (zeros on a first attempt). */
    PartitionCounts(ExecutionContext ctx) {
        before = new long[] {ctx.getLong(SourceFileReader.READ, 0L), ctx.getLong(SourceFileReader.LOADED, 0L),
                ctx.getLong(SourceFileReader.QUARANTINED, 0L), ctx.getLong(SourceFileReader.DUPLICATE, 0L)};
    }

    /** Saves read, loaded (written), quarantined (skipped) and duplicate (filtered) rows so far. */
    void save(ExecutionContext ctx, StepExecution step) {
        ctx.putLong(SourceFileReader.READ, before[0] + step.getReadCount());
        ctx.putLong(SourceFileReader.LOADED, before[1] + step.getWriteCount());
        ctx.putLong(SourceFileReader.QUARANTINED, before[2] + step.getSkipCount());
        ctx.putLong(SourceFileReader.DUPLICATE, before[3] + step.getFilterCount());
    }
}
