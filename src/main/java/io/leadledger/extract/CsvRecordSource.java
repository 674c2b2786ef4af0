package io.leadledger.extract;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Rows of a delimited text export, streamed (only the current record is held). Handles the encodings of
 * {@link CsvEncoding}, `,` `;` tab or `|` delimiters ({@link CsvDelimiter}), quoted fields with embedded
 * newlines and doubled quotes, title lines above the header (headerRow counts records, as a spreadsheet shows
 * them) and vendor footers after an empty line (stopAtBlankRow). Blank rows are skipped.
 */
public final class CsvRecordSource implements RecordSource {

    private static final int BUFFER_CHARS = 1 << 16;

    private final Path file;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final Header header;
    private final boolean stopAtBlankRow;
    private boolean ended;

    public CsvRecordSource(Path file, int headerRow, String delimiter, String encoding, boolean stopAtBlankRow) {
        this.file = file;
        this.stopAtBlankRow = stopAtBlankRow;
        CSVParser p = null;
        try {
            Charset charset = CsvEncoding.of(file, encoding);
            char delim = CsvDelimiter.isAuto(delimiter)
                    ? CsvDelimiter.detect(headerLine(file, charset, headerRow)) : CsvDelimiter.parse(delimiter);
            CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delim).setIgnoreEmptyLines(false)
                    .setTrim(false).get();
            p = CSVParser.builder().setReader(reader(file, charset)).setFormat(format).get();
            this.parser = p;
            this.records = p.iterator();
            for (int i = 1; i < headerRow && records.hasNext(); i++) {
                records.next();
            }
            if (!records.hasNext()) {
                throw new SourceFormatException(file + ": no header row (expected on row " + headerRow + ")");
            }
            this.header = Header.of(records.next().toList());
        } catch (IOException | UncheckedIOException e) {
            closeQuietly(p);
            throw new SourceFormatException(file + ": cannot read: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            closeQuietly(p);
            throw new SourceFormatException(file + ": " + e.getMessage(), e); // a bad encoding or delimiter setting
        } catch (RuntimeException e) {
            closeQuietly(p);
            throw e;
        }
    }

    @Override
    public String location() {
        return file.toString();
    }

    @Override
    public Header header() {
        return header;
    }

    @Override
    public RawRecord next() {
        try {
            while (!ended && records.hasNext()) {
                CSVRecord r = records.next();
                if (isBlank(r)) {
                    ended = stopAtBlankRow;
                    continue;
                }
                // the record number, not the line: a quoted multi-line field is one row in a spreadsheet too
                return new RawRecord(file.toString(), r.getRecordNumber(), header, r.values());
            }
            return null;
        } catch (UncheckedIOException e) {
            String m = String.valueOf(e.getMessage());
            // one sentence, and never the parser's view of the text: it may be anything the glob matched
            throw new SourceFormatException(file + " near row " + (parser.getRecordNumber() + 1) + ": "
                    + (m.contains("EOF reached before encapsulated token finished")
                    ? "a quoted field is not closed before the end of the file"
                    : m.contains("nvalid char") ? "text after a closing quote (a quote inside a field must be doubled)"
                    : "the file cannot be read as delimited text"));
        }
    }

    /** An empty line, or one of delimiters only. Looks no further than the first non-blank cell. */
    private static boolean isBlank(CSVRecord r) {
        for (int i = 0; i < r.size(); i++) {
            if (!CellText.isBlank(r.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        closeQuietly(parser);
    }

    private static void closeQuietly(CSVParser p) {
        try {
            if (p != null) {
                p.close();
            }
        } catch (IOException ignored) {
            // closing a reader we only read from
        }
    }

    /** Decoded text (charset null: per line, see {@link CsvEncoding}) without the byte-order mark(s): Java's decoders keep a BOM as U+FEFF, some tools write two. */
    private static BufferedReader reader(Path file, Charset charset) throws IOException {
        java.io.Reader decoded = charset == null ? new PerLineDecoder(Files.newInputStream(file))
                : new InputStreamReader(Files.newInputStream(file), charset);
        BufferedReader r = new BufferedReader(decoded, BUFFER_CHARS);
        try {
            r.mark(1);
            while (r.read() == '\uFEFF') {
                r.mark(1);
            }
            r.reset();
            return r;
        } catch (IOException e) {
            r.close();
            throw e;
        }
    }

    /** The physical line of the header, for the delimiter guess (title lines are assumed one line each). */
    private static String headerLine(Path file, Charset charset, int headerRow) throws IOException {
        try (BufferedReader r = reader(file, charset)) {
            String line = null;
            for (int i = 0; i < headerRow; i++) {
                line = r.readLine();
            }
            return line;
        }
    }
}
