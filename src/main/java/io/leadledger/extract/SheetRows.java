package io.leadledger.extract;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler.SheetContentsHandler;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.Styles;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The non-blank rows of one worksheet, in order. POI's SAX handler pushes rows while the caller pulls them, so
 * the parse runs on a background thread and hands rows over through a small bounded queue, in batches (a
 * hand-off per row costs a thread wake-up per row). The parse is never more than
 * {@value #QUEUE_BATCHES} x {@value #BATCH_ROWS} rows ahead of the reader, which keeps memory flat whatever the
 * sheet's size. {@link #close()} stops the parse, also mid-sheet, and waits for the thread to end.
 */
final class SheetRows implements AutoCloseable {

    /** A row as the sheet numbers it (1-based) and its cell texts by column ("" for a gap). */
    record Row(long number, String[] cells) {
    }

    private static final int BATCH_ROWS = 64;
    private static final int QUEUE_BATCHES = 4;
    private static final long POLL_MILLIS = 200;
    private static final long JOIN_MILLIS = 10_000;
    private static final Object END = new Object();

    private record Failure(Throwable cause) {
    }

    /** Unwinds the parse once the reader has gone; carries no stack trace, it is not an error. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("stopped", null, false, false);
        }
    }

    private final String location;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
    private final Thread parser;
    private volatile boolean closed;
    private boolean ended;
    private Row[] batch = new Row[0];
    private int inBatch;

    SheetRows(String location, InputStream sheetXml, Styles styles, SharedStrings strings, DataFormatter formatter) {
        this.location = location;
        RowCollector rows = new RowCollector();
        XSSFSheetXMLHandler handler = new XSSFSheetXMLHandler(styles, null, strings, rows, formatter, false);
        this.parser = new Thread(() -> parse(sheetXml, handler, rows), "xlsx-sheet-reader " + location);
        parser.setDaemon(true); // never keeps the JVM alive, even if a caller forgets close()
        parser.start();
    }

    /** The next non-blank row, or null at the end of the sheet. */
    Row next() {
        if (inBatch < batch.length) {
            return batch[inBatch++];
        }
        if (ended || closed) {
            return null;
        }
        Object item = take();
        if (item == END) {
            ended = true;
            return null;
        }
        if (item instanceof Failure f) {
            ended = true;
            throw new SourceFormatException(location + ": cannot read the sheet: " + f.cause().getMessage(), f.cause());
        }
        batch = (Row[]) item;
        inBatch = 1;
        return batch[0];
    }

    private Object take() {
        try {
            while (true) {
                Object item = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (item != null) {
                    return item;
                }
                if (!parser.isAlive()) {
                    item = queue.poll(); // it may have handed over its last item just before ending
                    if (item == null) {
                        ended = true;
                        throw new SourceFormatException(location + ": the sheet reader stopped unexpectedly");
                    }
                    return item;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceFormatException(location + ": interrupted while reading the sheet", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        queue.clear(); // frees a parser blocked on a full queue; it then sees `closed` and unwinds
        batch = new Row[0];
        if (Thread.currentThread() != parser) {
            try {
                parser.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void parse(InputStream sheetXml, XSSFSheetXMLHandler handler, RowCollector rows) {
        Object last = END;
        try (sheetXml) {
            XMLReader xml = XMLHelper.newXMLReader();
            xml.setContentHandler(handler);
            xml.parse(new InputSource(sheetXml));
        } catch (Throwable t) { // handed to the reader's thread, which reports it after the rows read so far
            if (closed) {
                return;
            }
            last = new Failure(t);
        }
        try {
            rows.flush();
            handOff(last);
        } catch (Stopped ignored) {
            // the reader left before the end
        }
    }

    private void handOff(Object item) {
        try {
            while (!closed) {
                if (queue.offer(item, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new Stopped();
    }

    /** Gathers the cells of a row (the handler reports only cells that hold something) and hands rows over. */
    private final class RowCollector implements SheetContentsHandler {
        private final List<Row> pending = new ArrayList<>(BATCH_ROWS);
        private String[] cells = new String[32];
        private int width;
        private int nextColumn;
        private boolean any;

        @Override
        public void startRow(int rowNum) {
            Arrays.fill(cells, 0, width, null);
            width = 0;
            nextColumn = 0;
            any = false;
        }

        @Override
        public void cell(String cellReference, String formattedValue, XSSFComment comment) {
            // some writers omit the reference: then a cell follows the previous one
            int col = cellReference == null ? -1 : column(cellReference);
            if (col < 0) {
                col = nextColumn;
            }
            nextColumn = col + 1;
            if (formattedValue == null) {
                return;
            }
            if (col >= cells.length) {
                cells = Arrays.copyOf(cells, Math.max(col + 1, cells.length * 2));
            }
            String text = errorText(formattedValue);
            cells[col] = text;
            width = Math.max(width, col + 1);
            any |= !CellText.isBlank(text);
        }

        @Override
        public void endRow(int rowNum) {
            if (!any) {
                return; // blank rows are skipped, as in the CSV reader
            }
            String[] row = Arrays.copyOf(cells, width);
            for (int i = 0; i < row.length; i++) {
                if (row[i] == null) {
                    row[i] = "";
                }
            }
            pending.add(new Row(rowNum + 1L, row));
            if (pending.size() == BATCH_ROWS) {
                flush();
            }
        }

        void flush() {
            if (!pending.isEmpty()) {
                handOff(pending.toArray(new Row[0]));
                pending.clear();
            }
        }
    }

    /** The 0-based column of a reference like "AB12"; -1 when it has no column letters. */
    static int column(String cellReference) {
        int col = 0;
        for (int i = 0; i < cellReference.length(); i++) {
            char c = cellReference.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                col = col * 26 + (c - 'A' + 1);
            } else if (c >= 'a' && c <= 'z') {
                col = col * 26 + (c - 'a' + 1);
            } else {
                break;
            }
        }
        return col - 1;
    }

    /** An error cell as Excel shows it ("#DIV/0!"); POI's handler prefixes it with "ERROR:". */
    private static String errorText(String value) {
        return value.startsWith("ERROR:#") ? value.substring(6) : value;
    }
}
