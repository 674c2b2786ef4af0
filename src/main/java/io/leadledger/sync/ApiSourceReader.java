package io.leadledger.sync;

import io.leadledger.extract.Header;
import io.leadledger.extract.ParsedRow;
import io.leadledger.extract.RawRecord;
import io.leadledger.extract.api.ApiConnector;
import io.leadledger.extract.api.ApiRecord;
import io.leadledger.jobs.SourceDefinition;
import io.leadledger.warehouse.WatermarkRepository;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The reader of an API source's partition: the records changed since the source's watermark (minus its overlap),
 * or all of them on the first night, parsed with the source's profile like rows of a file. The window's end is
 * fixed when the partition first opens and kept in its ExecutionContext with the page being read and the rows
 * of it already handed to the step, so a restart reads the same window from the same page on.
 */
class ApiSourceReader implements ItemStreamReader<ParsedRow>, StepExecutionListener {

    static final String UNTIL = "api.until";
    static final String FROM = "api.from";
    static final String PAGE = "api.page";
    static final String IN_PAGE = "api.inPage";
    /** The API's count of the object, taken when the last page has been read (for the count audit). */
    static final String TOTAL = "api.total";
    /** Why there is no {@link #TOTAL}: the API gives none, or the count call failed. */
    static final String TOTAL_NOTE = "api.totalNote";
    static final String LAST_ID = "api.lastId";

    private final String tenant;
    private final SourceDefinition source;
    private final ApiConnector connector;
    private final RowParsing parsing;
    private final WatermarkRepository watermarks;
    private final Clock clock;
    private final Header header;
    private StepExecution step;
    private Iterator<ApiRecord> page = List.<ApiRecord>of().iterator();
    private String pageState;
    private long inPage;
    private String lastId;
    private List<ApiRecord> current = List.of();
    private long rowNum;
    private boolean ended;
    private PartitionCounts counts;
    private Long total;
    private String totalNote;
    private ExecutorService fetcher;
    private Future<Fetched> ahead;

    ApiSourceReader(String tenant, SourceDefinition source, ApiConnector connector, RowParsing parsing,
                    WatermarkRepository watermarks, Clock clock) {
        this.tenant = tenant;
        this.source = source;
        this.connector = connector;
        this.parsing = parsing;
        this.watermarks = watermarks;
        this.clock = clock;
        this.header = Header.of(connector.fields());
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        step = stepExecution;
    }

    @Override
    public void open(ExecutionContext ctx) {
        Instant until;
        Instant from;
        if (ctx.containsKey(UNTIL)) {
            until = Instant.parse(ctx.getString(UNTIL));
            from = ctx.containsKey(FROM) ? Instant.parse(ctx.getString(FROM)) : null;
        } else {
            until = clock.instant();
            Instant mark = watermarks.readUntil(tenant, source.name());
            from = mark == null ? null : mark.minus(Duration.ofMinutes(source.api().overlapMinutes()));
            ctx.putString(UNTIL, until.toString());
            if (from != null) {
                ctx.putString(FROM, from.toString());
            }
        }
        ctx.putString(SourceFileReader.HASH, "-");
        ctx.putString("file.status", "loaded");
        ctx.putString("file.header", SourceFileReader.headerJson(header.names()));
        counts = new PartitionCounts(ctx);
        String saved = ctx.containsKey(PAGE) ? ctx.getString(PAGE) : null;
        long skip = saved == null ? 0 : ctx.getLong(IN_PAGE, 0L);
        rowNum = ctx.getLong(SourceFileReader.ROWS_DONE, 0L) - skip;
        connector.start(from, until, saved);
        if (saved != null) {
            // the page the last committed chunk ended in: again, without the rows it committed
            nextPage();
            long n = committed(skip, ctx.containsKey(LAST_ID) ? ctx.getString(LAST_ID) : null);
            for (long i = 0; i < n && page.hasNext(); i++) {
                lastId = page.next().id();
                inPage++;
                rowNum++;
            }
        }
    }

    /**
     * How many rows of the page read again were committed: {@code skip} when the last of them is the record committed
     * last. A page read again by a query (not a saved cursor) may have lost a record that changed during the run and
     * left the window: then up to that record's position, found by id; if the record itself left, the whole page is
     * read again (its committed rows are staged again by key: nothing is lost, nothing doubled in staging).
     */
    private long committed(long skip, String savedLastId) {
        if (skip == 0 || savedLastId == null
                || skip <= current.size() && current.get((int) skip - 1).id().equals(savedLastId)) {
            return skip;
        }
        for (int i = 0; i < current.size(); i++) {
            if (current.get(i).id().equals(savedLastId)) {
                return i + 1;
            }
        }
        return 0;
    }

    private boolean nextPage() {
        Fetched f = ahead != null ? await(ahead) : fetch();
        ahead = null;
        if (f.page() == null) {
            ended = true;
            count();
            return false;
        }
        current = f.page();
        page = current.iterator();
        pageState = f.state();
        inPage = 0;
        // the next page is asked for while this one's rows are parsed and staged: the HTTP round trip (and the
        // vendor's think time) no longer adds to the import's. One page at a time, so the connector is never used
        // by two threads at once; a failure of that call surfaces when its page is wanted, as before.
        ahead = fetcher().submit(this::fetch);
        return true;
    }

    /** A page and the state that reads it again (the connector's state right after returning it). */
    private record Fetched(List<ApiRecord> page, String state) {
    }

    private Fetched fetch() {
        List<ApiRecord> p = connector.nextPage();
        return new Fetched(p, p == null ? null : connector.pageState());
    }

    private Fetched await(Future<Fetched> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the next page of " + source.name(), e);
        }
    }

    private ExecutorService fetcher() {
        if (fetcher == null) {
            fetcher = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "api-page-" + source.name());
                t.setDaemon(true);
                return t;
            });
        }
        return fetcher;
    }

    @Override
    public ParsedRow read() {
        while (!page.hasNext()) {
            if (ended || !nextPage()) {
                return null;
            }
        }
        ApiRecord r = page.next();
        lastId = r.id();
        inPage++;
        rowNum++;
        List<String> names = header.names();
        String[] cells = new String[names.size()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = r.fields().get(names.get(i));
        }
        return parsing.parse(new RawRecord(source.api().location(), rowNum, header, cells));
    }

    /**
     * The API's own count, right after the last page, for the count audit: a call that fails costs the audit its
     * figure (said in the note), never the night's data.
     */
    private void count() {
        try {
            var t = connector.total();
            total = t.isPresent() ? t.getAsLong() : null;
            totalNote = t.isPresent() ? null : io.leadledger.warehouse.CountAuditRepository.NOT_GIVEN;
        } catch (RuntimeException e) {
            total = null;
            totalNote = "could not be read: " + StagingWriter.rootMessage(e);
        }
    }

    @Override
    public void update(ExecutionContext ctx) {
        if (total != null) {
            ctx.putLong(TOTAL, total);
            ctx.remove(TOTAL_NOTE);
        } else if (totalNote != null) {
            ctx.putString(TOTAL_NOTE, totalNote);
            ctx.remove(TOTAL);
        }
        if (pageState != null) {
            ctx.putString(PAGE, pageState);
            ctx.putLong(IN_PAGE, inPage);
            if (lastId != null) {
                ctx.putString(LAST_ID, lastId);
            }
        }
        ctx.putLong(SourceFileReader.ROWS_DONE, rowNum);
        if (step != null && counts != null) {
            counts.save(ctx, step);
        }
    }

    @Override
    public void close() {
        // a page asked for ahead and not wanted (the step failed or ended): let its call finish, so a restart in
        // this process never shares the connector with it
        if (ahead != null) {
            try {
                ahead.get();
            } catch (Exception ignored) {
                // its failure, if any, is of a page nobody reads
            }
            ahead = null;
        }
        if (fetcher != null) {
            fetcher.shutdown();
            fetcher = null;
        }
    }

    /** The end of the window read: the next night's watermark, once every page is committed. */
    static Instant until(ExecutionContext ctx) {
        return Instant.parse(ctx.getString(UNTIL));
    }
}
