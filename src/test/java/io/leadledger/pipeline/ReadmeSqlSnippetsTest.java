package io.leadledger.pipeline;

import io.leadledger.demo.DemoDataGenerator;
import io.leadledger.jobs.Workspace;
import io.leadledger.ops.PipelineRunner;
import io.leadledger.support.TestWarehouse;
import io.leadledger.support.TestWorkspaces;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every fenced {@code ```sql} block of README.md (indented ones too), split into statements at ';', runs against the
 * demo warehouse after a nightly sync, on H2 and on MariaDB. Substitution rule: {@code <tenant>} and {@code '<tenant>'} become the
 * demo tenant; nothing else is rewritten, so a snippet that names a column or table the schema lacks fails here.
 */
class ReadmeSqlSnippetsTest {

    @Test
    void everySqlSnippetOfTheReadmeRunsOnTheDemoWarehouse() throws Exception {
        List<String> statements = sqlStatements(Files.readString(Path.of("README.md")));
        assertThat(statements).as("README.md has sql blocks").isNotEmpty();
        Path tmp = Files.createTempDirectory("leadledger-readme-sql");
        Path input = tmp.resolve("input");
        Workspace ws = TestWorkspaces.demo(input);
        new DemoDataGenerator(42, YearMonth.of(2026, 10), ws.tenant().zone()).generate(input);
        List<String> failures = new ArrayList<>();
        for (String db : List.of("h2", "mariadb")) {
            try (TestWarehouse w = db.equals("h2") ? TestWarehouse.h2(tmp.resolve("h2")) : TestWarehouse.mariadb("leadledger_readme")) {
                runAll(w, ws, statements, failures);
            }
        }
        assertTrue(failures.isEmpty(), "README sql snippets that fail on the demo warehouse:\n  " + String.join("\n  ", failures));
    }

    private static void runAll(TestWarehouse w, Workspace ws, List<String> statements, List<String> failures) throws Exception {
        assertEquals(BatchStatus.COMPLETED, w.bean(PipelineRunner.class).runSync(ws).getStatus());
        for (String sql : statements) {
            String s = sql.replace("'<tenant>'", "'" + ws.tenant().id() + "'").replace("<tenant>", ws.tenant().id());
            try {
                w.jdbc().queryForList(s);
            } catch (RuntimeException e) {
                failures.add(w.name() + ": " + s.replaceAll("\\s+", " ") + "\n    -> " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
        }
    }

    @Test
    void blocksAreFoundIndentedOrNotAndSplitIntoStatements() {
        String md = "text\n```sql\nSELECT 1;\nSELECT 2\n```\n- item\n\n  ```sql\n  SELECT 3;\n  ```\n```yaml\nx: y\n```\n"
                + "```sql\nSELECT 'a;b', 'c''d;';\nSELECT 4\n```\n";
        assertEquals(List.of("SELECT 1", "SELECT 2", "SELECT 3", "SELECT 'a;b', 'c''d;'", "SELECT 4"), sqlStatements(md));
    }

    static List<String> sqlStatements(String markdown) {
        List<String> out = new ArrayList<>();
        StringBuilder block = null;
        for (String line : markdown.split("\n", -1)) {
            String t = line.trim();
            if (block == null && t.equals("```sql")) {
                block = new StringBuilder();
            } else if (block != null && t.equals("```")) {
                for (String s : block.toString().split(";(?=(?:[^']*'[^']*')*[^']*$)")) { // not inside '...'
                    if (!s.isBlank()) {
                        out.add(s.trim());
                    }
                }
                block = null;
            } else if (block != null && !t.startsWith("--")) {
                block.append(t).append('\n');
            }
        }
        return out;
    }
}
