package io.leadledger.sync;

import io.leadledger.extract.ParsedRow;
import io.leadledger.extract.RawRecord;
import io.leadledger.extract.UnheldCells;
import io.leadledger.jobs.SourceDefinition;
import io.leadledger.warehouse.StagingRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a file as batches of {@code rowsPerBatch} rows, parsed and encoded for staging by a thread of its
 * own while the step's thread writes the previous batch: reading, parsing and encoding overlap the
 * database's work instead of taking turns with it. One batch is one chunk (one transaction), and the file
 * position saved with it ({@code rows.done}) is that of the batches handed out, never of those still
 * queued, so a restart resumes exactly after the last committed batch.
 */
class StagedBatchReader implements ItemStreamReader<StagedBatch>, StepExecutionListener {

    /** Batches parsed ahead of the writer: enough to keep it busy, few enough to bound the memory. */
    private static final int AHEAD = 2;

    private final String tenant;
    private final SourceDefinition source;
    private final SourceFileReader file;
    private final RowProcessor processor;
    private final StagingRepository staging;
    private final int rowsPerBatch;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD);
    private long runId;
    private long rowsDone;
    private Thread producer;
    private boolean finished;
    private long waitNanos;

    StagedBatchReader(String tenant, SourceDefinition source, SourceFileReader file, RowProcessor processor,
                      StagingRepository staging, int rowsPerBatch) {
        this.tenant = tenant;
        this.source = source;
        this.file = file;
        this.processor = processor;
        this.staging = staging;
        this.rowsPerBatch = rowsPerBatch;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        runId = stepExecution.getJobExecutionId();
    }

    @Override
    public void open(ExecutionContext ctx) {
        file.open(ctx);
        rowsDone = ctx.getLong(SourceFileReader.ROWS_DONE, 0L);
        finished = false;
        queue.clear();
        producer = new Thread(this::produce, "import-" + source.name());
        producer.setDaemon(true);
        producer.start();
    }

    private void produce() {
        long position = rowsDone;
        UnheldCells unheld = null;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                List<ParsedRow> loaded = new ArrayList<>(rowsPerBatch);
                List<ParsedRow> rejected = new ArrayList<>();
                int read = 0;
                int duplicates = 0;
                RawRecord raw;
                while (read < rowsPerBatch && (raw = file.read()) != null) {
                    read++;
                    ParsedRow row = processor.process(raw);
                    if (row.isRejected()) {
                        rejected.add(row);
                    } else if (row.isDuplicate()) {
                        duplicates++;
                    } else {
                        if (unheld == null) {
                            unheld = new UnheldCells(source.mapping(), raw.header());
                        }
                        loaded.add(row);
                    }
                }
                if (read == 0) {
                    queue.put(End.INSTANCE);
                    return;
                }
                position += read;
                queue.put(new StagedBatch(read, staging.prepare(tenant, source.name(), source.kind(), runId, loaded,
                        unheld), rejected, duplicates, position));
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

    @Override
    public StagedBatch read() throws Exception {
        if (finished) {
            return null;
        }
        long t0 = System.nanoTime();
        Object next = queue.take();
        waitNanos += System.nanoTime() - t0;
        if (next instanceof StagedBatch b) {
            rowsDone = b.rowsDone();
            return b;
        }
        finished = true;
        if (next instanceof Failure f) {
            if (f.error() instanceof Error err) {
                throw err;
            }
            throw (RuntimeException) f.error();
        }
        return null;
    }

    /** Time the writer spent waiting for parsed rows: near zero when the database is the slower side. */
    long waitNanos() {
        return waitNanos;
    }

    @Override
    public void update(ExecutionContext ctx) {
        ctx.putLong(SourceFileReader.ROWS_DONE, rowsDone);
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.interrupt();
            queue.clear(); // unblocks a producer waiting to put
            try {
                producer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ItemStreamException("interrupted while stopping the reader of " + source.name(), e);
            }
            producer = null;
        }
        file.close();
    }

    private enum End { INSTANCE }

    private record Failure(Throwable error) {
    }
}
