package io.leadledger.extract;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Text of an export whose encoding is "auto" and has no byte-order mark, decided line by line: a line that is
 * valid UTF-8 reads as UTF-8, any other as windows-1252. So one stray byte costs only its own line, never turns
 * the valid UTF-8 of every other row into mojibake ("José" -> "JosÃ©"), and a whole windows-1252 file still
 * reads right. ASCII lines (most of a file) are copied without a decoder.
 */
final class PerLineDecoder extends Reader {

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;
    private boolean eof;
    private byte[] line = new byte[4096];
    private char[] chars = new char[4096];
    private int charPos;
    private int charLim;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final CharsetDecoder legacy = CsvEncoding.WINDOWS_1252.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);

    PerLineDecoder(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (charPos == charLim && !nextLine()) {
            return -1;
        }
        int n = Math.min(len, charLim - charPos);
        System.arraycopy(chars, charPos, cbuf, off, n);
        charPos += n;
        return n;
    }

    /** Decodes the next line (with its line break) into {@code chars}; false at the end of the input. */
    private boolean nextLine() throws IOException {
        int n = 0;
        boolean ascii = true;
        while (true) {
            if (pos == lim) {
                if (eof) {
                    break;
                }
                lim = in.read(buf, 0, buf.length);
                pos = 0;
                if (lim <= 0) {
                    lim = 0;
                    eof = true;
                    break;
                }
            }
            int start = pos;
            int end = pos;
            boolean found = false;
            while (end < lim) {
                byte b = buf[end++];
                if (b < 0) {
                    ascii = false;
                } else if (b == '\n') {
                    found = true;
                    break;
                }
            }
            int take = end - start;
            if (n + take > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, n + take));
            }
            System.arraycopy(buf, start, line, n, take);
            n += take;
            pos = end;
            if (found) {
                break;
            }
        }
        if (n == 0) {
            return false;
        }
        if (chars.length < n) {
            chars = new char[Math.max(chars.length * 2, n)];
        }
        charPos = 0;
        if (ascii) {
            for (int i = 0; i < n; i++) {
                chars[i] = (char) line[i];
            }
            charLim = n;
            return true;
        }
        CharBuffer decoded;
        try {
            decoded = utf8.reset().decode(ByteBuffer.wrap(line, 0, n));
        } catch (CharacterCodingException e) {
            decoded = legacy.reset().decode(ByteBuffer.wrap(line, 0, n));
        }
        charLim = decoded.remaining();
        decoded.get(chars, 0, charLim);
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
