package io.leadledger.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The character set of a text export, in this order:
 * <ol>
 * <li>a byte-order mark (Excel "Unicode text" and Google Ads "CSV for Excel" are UTF-16LE with a BOM; Excel
 *     "CSV UTF-8" has a UTF-8 BOM) — it cannot be wrong, so it beats even the configured encoding;</li>
 * <li>the configured {@code encoding}, unless unset or "auto";</li>
 * <li>UTF-8 if the first {@value #SNIFF_BYTES} bytes decode as strict UTF-8, else windows-1252.</li>
 * </ol>
 * Why that guess: the non-UTF-8 exports we meet are Excel "CSV (Comma delimited)" on Western Windows, which
 * writes windows-1252 ("Müller", "€", "–" as single bytes). Such bytes are almost never valid UTF-8 (a lone
 * 0xFC or 0x80 is malformed), while every UTF-8 file passes; so a strict decode is a reliable test, and a
 * bounded prefix keeps it cheap on huge files. A file that turns non-UTF-8 only after the prefix reads with
 * U+FFFD for the bad bytes; configure its encoding.
 */
final class CsvEncoding {

    static final int SNIFF_BYTES = 64 * 1024;
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private CsvEncoding() {
    }

    static Charset of(Path file, String configured) throws IOException {
        byte[] head;
        boolean whole;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
            whole = in.read() < 0;
        }
        Charset bom = byBom(head);
        if (bom != null) {
            return bom;
        }
        if (configured != null && !configured.isBlank() && !configured.trim().equalsIgnoreCase("auto")) {
            return named(configured.trim());
        }
        return isUtf8(head, whole) ? StandardCharsets.UTF_8 : WINDOWS_1252;
    }

    private static Charset byBom(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    /** A sequence cut at the end of a partial prefix is not an error; only bytes UTF-8 never produces are. */
    private static boolean isUtf8(byte[] head, boolean whole) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        return !d.decode(ByteBuffer.wrap(head), CharBuffer.allocate(head.length), whole).isError();
    }

    private static Charset named(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("unknown encoding '" + name + "' (use e.g. UTF-8, UTF-16LE, windows-1252)", e);
        }
    }
}
