package io.leadledger.extract;

import java.util.Locale;

/** The field delimiter of a text export: configured, or guessed from the header line. */
final class CsvDelimiter {

    /** In order of preference when the header line has as many of one as of another. */
    private static final char[] CANDIDATES = {',', ';', '\t', '|'};

    private CsvDelimiter() {
    }

    /** Unset, "" or "auto". Not isBlank(): a configured tab is blank. */
    static boolean isAuto(String configured) {
        return configured == null || configured.isEmpty() || configured.equalsIgnoreCase("auto");
    }

    /** "," ";" "|", a tab written as "\t" (YAML double quotes), \t (YAML plain) or "tab", or a name. */
    static char parse(String configured) {
        return switch (configured.toLowerCase(Locale.ROOT)) {
            case "\t", "\\t", "tab" -> '\t';
            case "comma" -> ',';
            case "semicolon" -> ';';
            case "pipe" -> '|';
            default -> {
                if (configured.length() != 1) {
                    throw new IllegalArgumentException("delimiter must be one character, \"\\t\" or \"tab\": \""
                            + configured + "\"");
                }
                yield configured.charAt(0);
            }
        };
    }

    /** The candidate occurring most often outside quotes on the header line; ',' when there is none. */
    static char detect(String headerLine) {
        if (headerLine == null) {
            return ',';
        }
        int[] counts = new int[CANDIDATES.length];
        boolean quoted = false;
        for (int i = 0; i < headerLine.length(); i++) {
            char ch = headerLine.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                for (int k = 0; k < CANDIDATES.length; k++) {
                    if (ch == CANDIDATES[k]) {
                        counts[k]++;
                    }
                }
            }
        }
        int best = 0;
        for (int k = 1; k < CANDIDATES.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return CANDIDATES[best];
    }
}
