package io.leadledger.sync;

import io.leadledger.extract.ParsedRow;
import io.leadledger.extract.RawRecord;
import io.leadledger.extract.RecordSource;
import org.springframework.batch.infrastructure.item.ItemStreamException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Splits a file into rows and parses them on a thread of its own, a few blocks ahead of the chunk step, so
 * reading and parsing overlap the step's processing and staging (the chunk step itself is one thread: without
 * this, every chunk was parsed and then written, one after the other). A read error is handed over after the
 * rows before it, so the step fails at the row it failed at.
 */
final class ReadAhead {

    private static final int BLOCK = 2_000;

    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private Iterator<ParsedRow> block = List.<ParsedRow>of().iterator();
    private boolean ended;

    /**
     * @param rowsAhead how far ahead to parse: a chunk and a bit, so the next chunk is parsed while the step
     *                  writes the last one
     */
    ReadAhead(RecordSource records, RowParsing parsing, int rowsAhead, String name) {
        queue = new ArrayBlockingQueue<>(Math.max(4, rowsAhead / BLOCK + 2));
        thread = new Thread(() -> produce(records, parsing), name);
        thread.setDaemon(true);
        thread.start();
    }

    private void produce(RecordSource records, RowParsing parsing) {
        List<ParsedRow> rows = new ArrayList<>(BLOCK);
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (RawRecord r; rows.size() < BLOCK && (r = records.next()) != null; ) {
                    rows.add(parsing.parse(r));
                }
                boolean last = rows.size() < BLOCK;
                if (!rows.isEmpty()) {
                    queue.put(rows);
                    rows = new ArrayList<>(BLOCK);
                }
                if (last) {
                    queue.put(End.END);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the step is closing
        } catch (RuntimeException | Error e) {
            try {
                if (!rows.isEmpty()) {
                    queue.put(rows); // the rows before the failing one are the step's to take
                }
                queue.put(new Failure(e));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @SuppressWarnings("unchecked")
    ParsedRow next() {
        while (!block.hasNext()) {
            if (ended) {
                return null;
            }
            Object o;
            try {
                o = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ItemStreamException("interrupted while reading", e);
            }
            if (o instanceof List<?> rows) {
                block = ((List<ParsedRow>) rows).iterator();
            } else {
                ended = true;
                if (o instanceof Failure f) {
                    if (f.error() instanceof Error err) {
                        throw err;
                    }
                    throw (RuntimeException) f.error();
                }
            }
        }
        return block.next();
    }

    void close() {
        thread.interrupt();
        queue.clear(); // unblocks a producer waiting to put
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private enum End { END }

    private record Failure(Throwable error) {
    }
}
