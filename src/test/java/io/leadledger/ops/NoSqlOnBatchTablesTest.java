package io.leadledger.ops;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batch's job repository is Batch's: main code neither writes nor reads the BATCH_* tables with SQL (history,
 * status and the freshness gate read run_history, kept by {@link RunHistoryRecorder}; recovery goes through
 * JobOperator). Only the Flyway migrations (the schema and the one-time back-fill) name them.
 */
class NoSqlOnBatchTablesTest {

    private static final Pattern BATCH_TABLE = Pattern.compile("BATCH_(JOB|STEP)_\\w+");

    @Test
    void mainCodeHasNoSqlOnBatchTables() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path root : List.of(Path.of("src/main/java"), Path.of("src/main/resources/sql"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    List<String> lines = Files.readAllLines(f);
                    for (int i = 0; i < lines.size(); i++) {
                        String code = withoutComment(lines.get(i));
                        if (BATCH_TABLE.matcher(code).find()) {
                            found.add(f + ":" + (i + 1) + ": " + lines.get(i).strip());
                        }
                    }
                }
            }
        }
        assertThat(found).as("SQL on Spring Batch's tables in main code").isEmpty();
    }

    /** The line without a // or -- comment, nor a Javadoc/block comment line. */
    private static String withoutComment(String line) {
        String s = line.strip();
        if (s.startsWith("*") || s.startsWith("/*") || s.startsWith("//") || s.startsWith("--")) {
            return "";
        }
        int c = s.indexOf("//");
        return c >= 0 ? s.substring(0, c) : s;
    }
}
