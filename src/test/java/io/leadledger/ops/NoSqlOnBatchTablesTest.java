package io.leadledger.ops;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Batch's tables are Batch's: main code reads runs from run_history and recovers killed runs through
 * JobOperator, so no SQL in src/main (Java string or .sql file outside the schema migrations) names a BATCH_ table.
 */
class NoSqlOnBatchTablesTest {

    /** a Batch table name in SQL: BATCH_JOB_..., BATCH_STEP_... (not constants such as BATCH_ROWS) */
    private static final Pattern BATCH_TABLE = Pattern.compile("\\bBATCH_(JOB|STEP)_[A-Z_]+", Pattern.CASE_INSENSITIVE);

    @Test
    void noMainCodeQueriesBatchTables() throws IOException {
        List<String> found;
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src/main/java")),
                Files.walk(Path.of("src/main/resources/sql")))) {
            found = files.filter(Files::isRegularFile)
                    .flatMap(f -> lines(f).stream()
                            .map(l -> l.replaceAll("/\\*.*?\\*/", "").replaceAll("//.*", ""))
                            .filter(l -> !l.trim().startsWith("*") && !l.trim().startsWith("--"))
                            .filter(l -> BATCH_TABLE.matcher(l).find())
                            .map(l -> f + ": " + l.trim()))
                    .toList();
        }
        assertThat(found).as("SQL on Spring Batch's tables in main code").isEmpty();
    }

    private static List<String> lines(Path f) {
        try {
            return Files.readAllLines(f);
        } catch (IOException e) {
            throw new IllegalStateException(f + ": " + e.getMessage(), e);
        }
    }
}
