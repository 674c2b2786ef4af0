package io.leadledger.sync;

import io.leadledger.extract.ImportLimits;
import io.leadledger.extract.ParsedRow;
import io.leadledger.extract.RawRecord;
import io.leadledger.extract.RowParser;
import io.leadledger.extract.RowRejectedException;

/**
 * Turns a raw row into a parsed one, for the reader's read-ahead thread (the only thread that calls the parser,
 * so parsers need not be thread-safe). A row that cannot be loaded comes back as a rejected row, not an
 * exception: the step's processor throws its rejection, so that Batch skips it there and the quarantine gets the
 * row. Before parsing, a row wider than {@link ImportLimits#MAX_COLUMNS} or with a cell longer than
 * {@link ImportLimits#MAX_CELL_CHARS} is rejected.
 */
final class RowParsing {

    private final RowParser parser;
    private volatile long nanos;

    RowParsing(RowParser parser) {
        this.parser = parser;
    }

    ParsedRow parse(RawRecord raw) {
        long t0 = System.nanoTime();
        try {
            checkShape(raw);
            return parser.parse(raw);
        } catch (RowRejectedException e) {
            return ParsedRow.rejected(raw, e);
        } finally {
            nanos += System.nanoTime() - t0; // written by the read-ahead thread only
        }
    }

    /** Time spent parsing rows (on the read-ahead thread, overlapping the step's own work). */
    long nanos() {
        return nanos;
    }

    private static void checkShape(RawRecord raw) {
        String[] cells = raw.cells();
        if (cells.length > ImportLimits.MAX_COLUMNS) {
            throw new RowRejectedException("(row)", cells.length + " cells", "row has " + cells.length
                    + " cells, more than the " + ImportLimits.MAX_COLUMNS + " a row may have");
        }
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] != null && cells[i].length() > ImportLimits.MAX_CELL_CHARS) {
                var names = raw.header().names();
                String column = i < names.size() && !names.get(i).isEmpty() ? names.get(i) : "column " + (i + 1);
                throw new RowRejectedException(column, cells[i], "value longer than " + ImportLimits.MAX_CELL_CHARS
                        + " characters");
            }
        }
    }
}
