package io.leadledger.extract;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.ByteOrderMark;
import org.apache.commons.io.input.BOMInputStream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Rows of a delimited text export. Handles a byte-order mark (UTF-8/UTF-16), `,` `;` or tab delimiters
 * (detected from the header line unless configured), quoted fields with embedded newlines, title lines
 * above the header (headerRow) and vendor footers after an empty line (stopAtBlankRow).
 */
public final class CsvRecordSource implements RecordSource {

    private final Path file;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final Header header;
    private final boolean stopAtBlankRow;
    private boolean ended;

    public CsvRecordSource(Path file, int headerRow, String delimiter, String encoding, boolean stopAtBlankRow) {
        this.file = file;
        this.stopAtBlankRow = stopAtBlankRow;
        try {
            Charset charset = charset(file, encoding);
            char delim = delimiter == null || delimiter.isBlank() || delimiter.equalsIgnoreCase("auto")
                    ? detectDelimiter(file, charset, headerRow) : parseDelimiter(delimiter);
            CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delim).setIgnoreEmptyLines(false)
                    .setTrim(false).get();
            this.parser = CSVParser.builder().setReader(reader(file, charset)).setFormat(format).get();
            this.records = parser.iterator();
            for (int i = 1; i < headerRow; i++) {
                if (records.hasNext()) {
                    records.next();
                }
            }
            if (!records.hasNext()) {
                throw new SourceFormatException(file + ": no header row (expected on row " + headerRow + ")");
            }
            this.header = Header.of(records.next().toList());
        } catch (IOException e) {
            throw new SourceFormatException(file + ": cannot read: " + e.getMessage(), e);
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
                boolean blank = r.size() == 0 || (r.size() == 1 && r.get(0).isBlank());
                if (blank) {
                    if (stopAtBlankRow) {
                        ended = true;
                    }
                    continue;
                }
                return new RawRecord(file.toString(), r.getRecordNumber(), header, r.values());
            }
            return null;
        } catch (UncheckedIOException e) {
            throw new SourceFormatException(file + " near row " + parser.getRecordNumber() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException ignored) {
            // closing a reader we only read from
        }
    }

    private static BufferedReader reader(Path file, Charset charset) throws IOException {
        InputStream in = BOMInputStream.builder().setInputStream(Files.newInputStream(file))
                .setByteOrderMarks(ByteOrderMark.UTF_8, ByteOrderMark.UTF_16LE, ByteOrderMark.UTF_16BE).get();
        return new BufferedReader(new InputStreamReader(in, charset), 1 << 16);
    }

    /** The BOM wins; otherwise the configured encoding; otherwise UTF-8. */
    static Charset charset(Path file, String encoding) throws IOException {
        try (BOMInputStream in = BOMInputStream.builder().setInputStream(Files.newInputStream(file))
                .setByteOrderMarks(ByteOrderMark.UTF_8, ByteOrderMark.UTF_16LE, ByteOrderMark.UTF_16BE).get()) {
            ByteOrderMark bom = in.getBOM();
            if (bom != null) {
                return Charset.forName(bom.getCharsetName());
            }
        }
        if (encoding != null && !encoding.isBlank() && !encoding.equalsIgnoreCase("auto")) {
            return Charset.forName(encoding);
        }
        return StandardCharsets.UTF_8;
    }

    private static char parseDelimiter(String d) {
        return switch (d) {
            case "\\t", "tab", "TAB", "\t" -> '\t';
            default -> d.charAt(0);
        };
    }

    /** The candidate occurring most often (outside quotes) on the header line. */
    private static char detectDelimiter(Path file, Charset charset, int headerRow) throws IOException {
        try (BufferedReader r = reader(file, charset)) {
            String line = null;
            for (int i = 0; i < headerRow; i++) {
                line = r.readLine();
            }
            if (line == null) {
                return ',';
            }
            char best = ',';
            int bestCount = 0;
            for (char c : new char[] {',', ';', '\t', '|'}) {
                int n = 0;
                boolean quoted = false;
                for (char ch : line.toCharArray()) {
                    if (ch == '"') {
                        quoted = !quoted;
                    } else if (ch == c && !quoted) {
                        n++;
                    }
                }
                if (n > bestCount) {
                    best = c;
                    bestCount = n;
                }
            }
            return best;
        }
    }
}
