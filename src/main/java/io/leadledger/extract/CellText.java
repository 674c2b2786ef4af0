package io.leadledger.extract;

/**
 * Spacing rules for cell text. Exports pad with more than ASCII spaces: Excel and web CRMs write non-breaking
 * spaces (U+00A0, U+202F) and invisible format characters (a BOM glued to the first header, zero-width spaces),
 * which {@link String#trim()} and {@link String#isBlank()} keep. Plain loops, no regex: this runs per cell.
 */
final class CellText {

    private CellText() {
    }

    /** Any kind of space, including the non-breaking ones. */
    static boolean isSpace(char c) {
        return c <= ' ' || Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** Invisible characters that only get in the way (BOM, zero-width space, direction marks). */
    static boolean isInvisible(char c) {
        return c > 0x7F && Character.getType(c) == Character.FORMAT;
    }

    private static boolean isPadding(char c) {
        return isSpace(c) || isInvisible(c);
    }

    /** The text without leading and trailing spaces of any kind; the same instance when there are none. */
    static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isPadding(s.charAt(start))) {
            start++;
        }
        while (end > start && isPadding(s.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == s.length() ? s : s.substring(start, end);
    }

    static boolean isBlank(String s) {
        if (s == null) {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isPadding(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
