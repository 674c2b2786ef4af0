package io.leadledger.report.xlsx;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.streaming.SheetDataWriter;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The sheet data of one streamed detail sheet, written as XML straight from each row's values: no row or cell
 * objects, no per-cell cell reference strings, no synchronized writer. SXSSF's own writer spent most of a
 * 275,000-row sheet's time on those. The XML is what SXSSF writes for the same cells (inline strings, POI's
 * escaping, {@code Double.toString} numbers, style attribute only when not the default), and SXSSF still
 * owns the temp file and puts it into the workbook.
 */
final class DetailSheetWriter extends SheetDataWriter {

    private static final int MAX_TEXT = SpreadsheetVersion.EXCEL2007.getMaxTextLength();
    private static final int MAX_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows();

    private final Utf8Writer out;
    /** Column letters as bytes ("A", "B", ... "AA"), made on first use. */
    private byte[][] letters = new byte[0][];
    private int rows;

    DetailSheetWriter() throws IOException {
        super();
        this.out = (Utf8Writer) _out;
    }

    @Override
    public Writer createWriter(File fd) throws IOException {
        return new Utf8Writer(new FileOutputStream(fd));
    }

    /** Closes the temp file and deletes it, if the workbook has not done so already. */
    void discard() {
        try {
            _out.close();
        } catch (IOException ignored) {
            // deleted below all the same
        }
        File f = getTempFile();
        if (f != null && f.exists() && !f.delete()) {
            f.deleteOnExit();
        }
    }

    /** Rows written so far; the next row's index (0-based). */
    int rows() {
        return rows;
    }

    void startRow() throws IOException {
        if (rows == MAX_ROWS) {
            // what SXSSF's createRow says: a sheet cannot hold more
            throw new IllegalArgumentException("Invalid row number (" + rows + ") outside allowable range (0.."
                    + (MAX_ROWS - 1) + ")");
        }
        rows++;
        out.ascii("<row r=\"");
        out.number(rows);
        out.ascii("\">\n");
    }

    void endRow() throws IOException {
        out.ascii("</row>\n");
    }

    /** A cell with no value and the default style, as SXSSF writes a created but unset cell. */
    void blank(int column) throws IOException {
        ref(column);
        out.ascii("></c>");
    }

    void text(int column, String value, int style) throws IOException {
        if (value.length() > MAX_TEXT) {
            // what a cell's setCellValue says: the workbook would not open
            throw new IllegalArgumentException("The maximum length of cell contents (text) is " + MAX_TEXT + " characters");
        }
        ref(column);
        style(style);
        out.ascii(" t=\"inlineStr\"><is><t");
        if (!value.isEmpty() && (Character.isWhitespace(value.charAt(0))
                || Character.isWhitespace(value.charAt(value.length() - 1)))) {
            out.ascii(" xml:space=\"preserve\"");
        }
        out.write('>');
        out.escaped(value);
        out.ascii("</t></is></c>");
    }

    void number(int column, double value, int style) throws IOException {
        ref(column);
        style(style);
        out.ascii(" t=\"n\"><v>");
        out.ascii(Double.toString(value));
        out.ascii("</v></c>");
    }

    private void ref(int column) throws IOException {
        out.ascii("<c r=\"");
        out.bytes(letters(column));
        out.number(rows);
        out.write('"');
    }

    private byte[] letters(int column) {
        if (column >= letters.length) {
            byte[][] more = java.util.Arrays.copyOf(letters, column + 1);
            for (int i = letters.length; i < more.length; i++) {
                more[i] = CellReference.convertNumToColString(i).getBytes(StandardCharsets.US_ASCII);
            }
            letters = more;
        }
        return letters[column];
    }

    private void style(int style) throws IOException {
        if (style != 0) {
            out.ascii(" s=\"");
            out.number(style);
            out.write('"');
        }
    }

    /** UTF-8 into a byte buffer, unsynchronized: one thread writes one sheet. */
    static final class Utf8Writer extends Writer {
        private final OutputStream os;
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private boolean closed;

        Utf8Writer(OutputStream os) {
            this.os = os;
        }

        private void room(int n) throws IOException {
            if (pos + n > buf.length) {
                os.write(buf, 0, pos);
                pos = 0;
            }
        }

        /** Text known to be ASCII and to need no escaping (markup, numbers). */
        void ascii(String s) throws IOException {
            int n = s.length();
            if (n > buf.length) {
                write(s, 0, n);
                return;
            }
            room(n);
            for (int i = 0; i < n; i++) {
                buf[pos++] = (byte) s.charAt(i);
            }
        }

        void bytes(byte[] b) throws IOException {
            room(b.length);
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
        }

        void number(int v) throws IOException {
            room(11);
            if (v == 0) {
                buf[pos++] = '0';
                return;
            }
            int start = pos;
            long x = v;
            if (x < 0) {
                buf[pos++] = '-';
                start++;
                x = -x;
            }
            while (x > 0) {
                buf[pos++] = (byte) ('0' + x % 10);
                x /= 10;
            }
            for (int i = start, j = pos - 1; i < j; i++, j--) {
                byte t = buf[i];
                buf[i] = buf[j];
                buf[j] = t;
            }
        }

        /** Cell text escaped as SXSSF escapes it (SheetDataWriter.outputEscapedString). */
        void escaped(String s) throws IOException {
            for (int i = 0, n = s.length(); i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x20 && c < 0x7f && c != '<' && c != '>' && c != '&' && c != '"') {
                    room(1);
                    buf[pos++] = (byte) c;
                    continue;
                }
                switch (c) {
                    case '<' -> ascii("&lt;");
                    case '>' -> ascii("&gt;");
                    case '&' -> ascii("&amp;");
                    case '"' -> ascii("&quot;");
                    case '\n' -> ascii("&#xa;");
                    case '\r' -> ascii("&#xd;");
                    case '\t' -> ascii("&#x9;");
                    case '\u00A0' -> ascii("&#xa0;");
                    default -> {
                        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                            codePoint(Character.toCodePoint(c, s.charAt(++i)));
                        } else if (c < ' ' || c >= '\uFFFE' || Character.isSurrogate(c)) {
                            // XmlBeans would turn control characters and non-characters into '?': so does SXSSF
                            // (and its UTF-8 encoder a lone surrogate)
                            room(1);
                            buf[pos++] = '?';
                        } else {
                            codePoint(c);
                        }
                    }
                }
            }
        }

        private void codePoint(int cp) throws IOException {
            room(4);
            if (cp < 0x80) {
                buf[pos++] = (byte) cp;
            } else if (cp < 0x800) {
                buf[pos++] = (byte) (0xC0 | cp >> 6);
                buf[pos++] = (byte) (0x80 | cp & 0x3F);
            } else if (cp < 0x10000) {
                buf[pos++] = (byte) (0xE0 | cp >> 12);
                buf[pos++] = (byte) (0x80 | cp >> 6 & 0x3F);
                buf[pos++] = (byte) (0x80 | cp & 0x3F);
            } else {
                buf[pos++] = (byte) (0xF0 | cp >> 18);
                buf[pos++] = (byte) (0x80 | cp >> 12 & 0x3F);
                buf[pos++] = (byte) (0x80 | cp >> 6 & 0x3F);
                buf[pos++] = (byte) (0x80 | cp & 0x3F);
            }
        }

        @Override
        public void write(int c) throws IOException {
            char ch = (char) c;
            codePoint(Character.isSurrogate(ch) ? '?' : ch);
        }

        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            write(new String(cbuf, off, len), 0, len);
        }

        @Override
        public void write(String s, int off, int len) throws IOException {
            for (int i = off, end = off + len; i < end; i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(s.charAt(i + 1))) {
                    codePoint(Character.toCodePoint(c, s.charAt(++i)));
                } else {
                    codePoint(Character.isSurrogate(c) ? '?' : c);
                }
            }
        }

        @Override
        public void flush() throws IOException {
            os.write(buf, 0, pos);
            pos = 0;
            os.flush();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return; // SXSSF closes its writer before reading the file and again when disposing of it
            }
            closed = true;
            try {
                flush();
            } finally {
                os.close();
            }
        }
    }
}
