package io.leadledger.reconcile;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** dbt's layering: each reconcile script writes one table, the one it is named after, in its layer's folder. */
class ScriptLayoutTest {

    private static final Pattern WRITE = Pattern.compile("(?i)\\b(?:INSERT\\s+INTO|DELETE\\s+FROM|UPDATE)\\s+(\\w+)");

    @Test
    void everyScriptWritesOnlyTheTableItIsNamedAfter() {
        Stream.of(Reconciler.MATCHING_SCRIPTS, Reconciler.CORE_SCRIPTS, Reconciler.MART_SCRIPTS).flatMap(List::stream)
                .forEach(path -> {
                    String table = path.substring(path.lastIndexOf('/') + 1, path.length() - ".sql".length());
                    String layer = table.startsWith("int_") ? "intermediate" : table.startsWith("mart_") ? "marts" : "core";
                    assertThat(path).startsWith("sql/" + layer + "/");
                    for (String s : SqlScript.load(path).statements()) {
                        // an upsert's ON DUPLICATE KEY UPDATE is part of its INSERT
                        Matcher m = WRITE.matcher(s.replaceAll("(?is)ON\\s+DUPLICATE\\s+KEY\\s+UPDATE.*", ""));
                        while (m.find()) {
                            assertThat(m.group(1)).as(path).isEqualTo(table);
                        }
                    }
                });
    }
}
