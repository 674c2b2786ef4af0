package io.leadledger.extract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A file's header row. Columns are looked up ignoring case, surrounding spaces, repeated inner spaces,
 * non-breaking spaces and invisible characters, so "Create Date" finds " create  date " and "CREATE\u00A0DATE".
 * Empty names (a trailing delimiter on every line) stay in {@link #names()} to keep positions but are never found.
 */
public final class Header {

    /** Lookups repeat the same few mapped column names on every row: remember them, up to a sane number. */
    private static final int MAX_REMEMBERED = 256;

    private final List<String> names;
    private final Map<String, Integer> index;
    private final Map<String, Integer> lookups = new ConcurrentHashMap<>();
    private final Map<String, String[]> alternatives = new ConcurrentHashMap<>();

    private Header(List<String> names, Map<String, Integer> index) {
        this.names = names;
        this.index = index;
    }

    public static Header of(List<String> rawNames) {
        List<String> names = new ArrayList<>(rawNames.size());
        Map<String, Integer> index = new HashMap<>();
        for (String raw : rawNames) {
            String name = raw == null ? "" : CellText.strip(withoutInvisibles(raw));
            String key = normalise(name);
            if (!key.isEmpty()) {
                index.putIfAbsent(key, names.size()); // a repeated header name: the first column wins
            }
            names.add(name);
        }
        return new Header(Collections.unmodifiableList(names), index);
    }

    /** The names as the file writes them (trimmed), in column order; "" for a column without a name. */
    public List<String> names() {
        return names;
    }

    public int indexOf(String column) {
        if (column == null) {
            return -1;
        }
        Integer i = lookups.get(column);
        if (i == null) {
            i = resolve(column);
            if (lookups.size() < MAX_REMEMBERED) {
                lookups.put(column, i);
            }
        }
        return i;
    }

    /**
     * A mapping may name alternatives ("Deal - Won time | Deal - Expected close date": the first present)
     * and use '*' for any text ("Amount spent (*)", as Meta writes the currency into the header).
     */
    private int resolve(String column) {
        int picked = pickedColumn(column);
        if (picked >= 0) {
            return picked;
        }
        if (column.contains(" | ")) {
            for (String alt : column.split(" \\| ")) {
                int i = resolve(alt);
                if (i >= 0) {
                    return i;
                }
            }
            return -1;
        }
        if (column.indexOf('*') >= 0) {
            java.util.regex.Pattern p = java.util.regex.Pattern.compile(
                    java.util.Arrays.stream(normalise(column).split("\\*", -1)).map(java.util.regex.Pattern::quote)
                            .collect(java.util.stream.Collectors.joining(".*")));
            for (int i = 0; i < names.size(); i++) {
                if (!names.get(i).isEmpty() && p.matcher(normalise(names.get(i))).matches()) {
                    return i;
                }
            }
            return -1;
        }
        return index.getOrDefault(normalise(column), -1);
    }

    /**
     * "Email (column 7)": the column of that name at that position (1-based), for a header that names a column
     * twice; -1 when the name has no such suffix or the column there has another name.
     */
    private int pickedColumn(String column) {
        int open = column.lastIndexOf(" (column ");
        if (open < 0 || !column.endsWith(")")) {
            return -1;
        }
        String digits = column.substring(open + " (column ".length(), column.length() - 1);
        if (digits.isEmpty() || digits.length() > 6 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int i = Integer.parseInt(digits) - 1;
        return i >= 0 && i < names.size() && normalise(names.get(i)).equals(normalise(column.substring(0, open))) ? i : -1;
    }

    /** Every position (0-based) of a plain column name: more than one when the header repeats it. */
    public List<Integer> positions(String column) {
        String key = normalise(column);
        List<Integer> out = new ArrayList<>(1);
        for (int i = 0; i < names.size(); i++) {
            if (!key.isEmpty() && normalise(names.get(i)).equals(key)) {
                out.add(i);
            }
        }
        return out;
    }

    /** "A | B" as its alternatives, split once per file rather than once per row. */
    String[] alternatives(String column) {
        String[] alts = alternatives.get(column);
        if (alts == null) {
            alts = column.split(" \\| ");
            if (alternatives.size() < MAX_REMEMBERED) {
                alternatives.put(column, alts);
            }
        }
        return alts;
    }

    public boolean has(String column) {
        return indexOf(column) >= 0;
    }

    /** Lower case, every run of spaces (of any kind) as one space, no leading/trailing spaces or invisibles. */
    static String normalise(String name) {
        StringBuilder b = new StringBuilder(name.length());
        boolean pendingSpace = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (CellText.isInvisible(c)) {
                continue;
            }
            if (CellText.isSpace(c)) {
                pendingSpace = b.length() > 0;
                continue;
            }
            if (pendingSpace) {
                b.append(' ');
                pendingSpace = false;
            }
            b.append(c);
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    private static String withoutInvisibles(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (CellText.isInvisible(s.charAt(i))) {
                StringBuilder b = new StringBuilder(s.length());
                for (int j = 0; j < s.length(); j++) {
                    if (!CellText.isInvisible(s.charAt(j))) {
                        b.append(s.charAt(j));
                    }
                }
                return b.toString();
            }
        }
        return s;
    }

    @Override
    public String toString() {
        return names.toString();
    }
}
