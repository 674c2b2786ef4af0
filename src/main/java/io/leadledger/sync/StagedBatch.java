package io.leadledger.sync;

import io.leadledger.extract.ParsedRow;
import io.leadledger.warehouse.PreparedRows;

import java.util.List;

/**
 * One transaction's worth of a file: the rows read, ready to stage, the rejected ones for quarantine and
 * the count of duplicates. {@code rowsDone} is the file position after it, what a restart skips to.
 */
record StagedBatch(int read, PreparedRows loaded, List<ParsedRow> rejected, int duplicates, long rowsDone) {
}
