package io.leadledger.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
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
 * <li>otherwise ("auto") per line: UTF-8 where the line is valid UTF-8, else windows-1252
 *     ({@link PerLineDecoder}); {@link #of} returns null for that.</li>
 * </ol>
 * Text with NUL bytes in every other position and no byte-order mark is UTF-16 that lost its mark: refused with
 * a sentence saying which encoding to set, rather than read as garbage.
 * Why that guess: the non-UTF-8 exports we meet are Excel "CSV (Comma delimited)" on Western Windows, which
 * writes windows-1252 ("Müller", "€", "–" as single bytes). Such bytes are almost never valid UTF-8 (a lone
 * 0xFC or 0x80 is malformed), while every UTF-8 line passes; so a strict decode is a reliable test. Deciding
 * per line rather than per file means one stray byte never turns the rest of a UTF-8 file into mojibake.
 */
final class CsvEncoding {

    static final int SNIFF_BYTES = 64 * 1024;
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private CsvEncoding() {
    }

    static Charset of(Path file, String configured) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        }
        Charset bom = byBom(head);
        if (bom != null) {
            return bom;
        }
        if (configured != null && !configured.isBlank() && !configured.trim().equalsIgnoreCase("auto")) {
            return named(configured.trim());
        }
        String utf16 = utf16WithoutBom(head);
        if (utf16 != null) {
            throw new SourceFormatException(file + ": the file looks like " + utf16 + " text without a byte-order mark;"
                    + " set 'encoding: " + utf16 + "' for this source");
        }
        return null; // decided per line
    }

    /** "UTF-16LE"/"UTF-16BE" when most even (odd) bytes of the start are NUL, as in UTF-16 Latin text; else null. */
    static String utf16WithoutBom(byte[] head) {
        int n = Math.min(head.length, 4096) & ~1;
        if (n < 4) {
            return null;
        }
        int evenNul = 0;
        int oddNul = 0;
        for (int i = 0; i < n; i += 2) {
            evenNul += head[i] == 0 ? 1 : 0;
            oddNul += head[i + 1] == 0 ? 1 : 0;
        }
        int pairs = n / 2;
        if (oddNul * 10 >= pairs * 7 && evenNul * 10 < pairs) {
            return "UTF-16LE";
        }
        if (evenNul * 10 >= pairs * 7 && oddNul * 10 < pairs) {
            return "UTF-16BE";
        }
        return null;
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

    private static Charset named(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("unknown encoding '" + name + "' (use e.g. UTF-8, UTF-16LE, windows-1252)", e);
        }
    }
}
