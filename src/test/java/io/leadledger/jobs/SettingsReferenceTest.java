package io.leadledger.jobs;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/settings.md cannot drift from the settings records: for each file of jobs/ (a "## `FILE`" heading), the keys
 * in the first column of its tables (every `code` span there, so one row may name a key and its alias) are exactly
 * KnownSettings.paths of that file.
 */
class SettingsReferenceTest {

    private static final Pattern HEADING = Pattern.compile("^## `([^`]+)`\\s*$");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void everyKnownSettingIsDocumentedAndEveryDocumentedSettingIsKnown() throws Exception {
        Map<String, Set<String>> documented = documentedKeys(Path.of("docs/settings.md"));
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, KnownSettings.Shape> file : KnownSettings.files().entrySet()) {
            Set<String> known = new LinkedHashSet<>(KnownSettings.paths(file.getValue()));
            Set<String> doc = documented.getOrDefault(file.getKey(), Set.of());
            Set<String> missing = new LinkedHashSet<>(known);
            missing.removeAll(doc);
            Set<String> extra = new LinkedHashSet<>(doc);
            extra.removeAll(known);
            if (!missing.isEmpty()) {
                problems.add(file.getKey() + ": in the code but not in docs/settings.md: " + missing);
            }
            if (!extra.isEmpty()) {
                problems.add(file.getKey() + ": in docs/settings.md but not in the code: " + extra);
            }
        }
        Set<String> sections = new LinkedHashSet<>(documented.keySet());
        sections.removeAll(KnownSettings.files().keySet());
        if (!sections.isEmpty()) {
            problems.add("docs/settings.md has sections for files the code does not read: " + sections);
        }
        assertTrue(problems.isEmpty(), "the settings reference has drifted:\n  " + String.join("\n  ", problems));
    }

    /** The parser itself: headings, table rows, several keys in one cell, the header and separator rows skipped. */
    @Test
    void theFirstColumnOfEachFilesTablesIsRead() throws Exception {
        Path md = Files.createTempFile("settings", ".md");
        Files.writeString(md, """
                # title
                | key | type |
                |---|---|
                | `ignored.before.any.file` | x |
                ## `a.yml`
                text with `code` outside a table
                | key | type | default | meaning |
                |---|---|---|---|
                | `one` | text | `x` | m |
                | `two.*`, `alias.two.*` | map | none | a \\| b |
                ## `b.yml`
                | `three` | y |
                """);
        assertEquals(Map.of("a.yml", Set.of("one", "two.*", "alias.two.*"), "b.yml", Set.of("three")), documentedKeys(md));
    }

    static Map<String, Set<String>> documentedKeys(Path md) throws Exception {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        String file = null;
        for (String line : Files.readAllLines(md)) {
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                file = h.group(1);
                out.putIfAbsent(file, new LinkedHashSet<>());
                continue;
            }
            if (line.startsWith("#")) {
                file = null;
            }
            String t = line.trim();
            if (file == null || !t.startsWith("|")) {
                continue;
            }
            String first = t.substring(1).split("\\|", 2)[0];
            Matcher c = CODE.matcher(first);
            while (c.find()) {
                out.get(file).add(c.group(1));
            }
        }
        return out;
    }
}
