package io.leadledger.extract;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A file's header row, looked up ignoring case, surrounding spaces and repeated inner spaces. */
public record Header(List<String> names, Map<String, Integer> index) {

    public static Header of(List<String> rawNames) {
        List<String> names = rawNames.stream().map(n -> n == null ? "" : n.replace("\uFEFF", "").trim()).toList();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.putIfAbsent(normalise(names.get(i)), i);
        }
        return new Header(names, index);
    }

    public int indexOf(String column) {
        Integer i = index.get(normalise(column));
        return i == null ? -1 : i;
    }

    public boolean has(String column) {
        return indexOf(column) >= 0;
    }

    static String normalise(String name) {
        return name.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
