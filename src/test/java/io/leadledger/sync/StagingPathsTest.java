package io.leadledger.sync;

import io.leadledger.jobs.MappingProfile;
import io.leadledger.jobs.ReportsDefinition;
import io.leadledger.jobs.SourceDefinition;
import io.leadledger.jobs.SourceKind;
import io.leadledger.jobs.SyncDefinition;
import io.leadledger.jobs.TenantSettings;
import io.leadledger.jobs.Workspace;
import io.leadledger.ops.PipelineRunner;
import io.leadledger.support.TestWarehouse;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The two ways rows reach staging - JDBC batches (H2, MariaDB) and LOAD DATA (MariaDB with
 * allowLoadLocalInfile) - store exactly the same values, including the cells LOAD DATA's text format has to
 * escape, text that looks like a formula or like LOAD DATA's own NULL marker, and non-Latin text.
 */
class StagingPathsTest {

    private static final String CSV = "Lead ID,Email,Created,Source,Note,Campaign\n"
            + "L1,Ann@Example.com,2026-10-01 09:00,Web,plain,Spring\n"
            + "L2,b@example.com,2026-10-02 10:30,\"tab\there\",\"two\nlines\",=HYPERLINK(\"\"x\"\")\n"
            + "L3,c@example.com,2026-10-03 11:45,back\\slash,\\N,José 😀 Çalışkan\n"
            + "L4,,2026-10-04 00:00,@sum,-1+1,\"" + "long ".repeat(30) + "\"\n"
            + "L5,e@example.com,2026-10-05 23:59:00,,,\n";

    private static final String COLUMNS = "record_id, email, email_norm, created_at, source_raw, campaign, rejected,"
            + " is_deleted, source_file, row_num, raw_row";

    @Test
    void batchAndLoadDataStageTheSameValues() throws Exception {
        Path tmp = Files.createTempDirectory("leadledger-paths");
        Path file = tmp.resolve("leads.csv");
        Files.writeString(file, CSV, StandardCharsets.UTF_8);
        Map<String, List<List<String>>> staged = new LinkedHashMap<>();
        try (TestWarehouse h2 = TestWarehouse.h2(tmp.resolve("h2"));
             TestWarehouse maria = TestWarehouse.mariadb("leadledger_paths");
             TestWarehouse bulk = TestWarehouse.mariadbBulkLoad("leadledger_paths_bulk")) {
            for (TestWarehouse w : List.of(h2, maria, bulk)) {
                assertEquals(BatchStatus.COMPLETED, w.bean(PipelineRunner.class).runSync(workspace(file)).getStatus());
                staged.put(w.name(), rows(w));
            }
        }
        List<List<String>> expected = staged.get("h2");
        assertEquals(5, expected.size());
        staged.forEach((name, rows) -> assertEquals(expected, rows, name + " stages what H2 stages"));

        List<String> l2 = expected.get(1);
        assertEquals("tab\there", l2.get(4));
        assertEquals("=HYPERLINK(\"\"x\"\")", l2.get(5), "quotes inside an unquoted field are text");
        assertEquals("{\"Note\":\"two\\nlines\"}", l2.get(10), "the unmapped cell is kept in raw_row");
        List<String> l3 = expected.get(2);
        assertEquals("back\\slash", l3.get(4));
        assertEquals("José 😀 Çalışkan", l3.get(5));
        assertEquals("{\"Note\":\"\\\\N\"}", l3.get(10), "LOAD DATA's NULL marker as text stays text");
        List<String> l4 = expected.get(3);
        assertEquals("null", l4.get(1));
        assertEquals("{\"Note\":\"-1+1\",\"Campaign\":\"" + "long ".repeat(30) + "\"}", l4.get(10),
                "text longer than 100 characters is kept whole");
        List<String> l5 = expected.get(4);
        assertEquals("null", l5.get(10), "every cell mapped: nothing repeated in raw_row");
        assertEquals("2026-10-05T23:59", l5.get(3));
    }

    private static List<List<String>> rows(TestWarehouse w) {
        List<List<String>> out = new ArrayList<>();
        w.jdbc().query("SELECT " + COLUMNS + " FROM stg_lead WHERE tenant = 'paths' ORDER BY record_id", rs -> {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                Object v = rs.getObject(i);
                if (v instanceof java.sql.Timestamp t) {
                    v = t.toLocalDateTime(); // H2 and Connector/J hand back different date-time classes
                }
                row.add(v instanceof Number n ? Long.toString(n.longValue()) : String.valueOf(v));
            }
            out.add(row);
        });
        return out;
    }

    private static Workspace workspace(Path file) {
        MappingProfile mapping = new MappingProfile("test", SourceKind.LEADS, "csv", null, null, null, null, null,
                List.of("yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"), null, null,
                Map.of("id", "Lead ID", "email", "Email", "createdAt", "Created", "source", "Source",
                        "campaign", "Campaign"), Map.of(), null, null, null, null);
        return new Workspace(Path.of("jobs"), new TenantSettings("paths", "paths", "USD", "UTC", 14, Map.of()),
                new SyncDefinition("nightly-sync", null, null, null,
                        List.of(new SourceDefinition("crm", SourceKind.LEADS, file.toString(), mapping))),
                new ReportsDefinition("monthly-reports", null, null, List.of(), List.of(), "out", "A4", List.of()));
    }
}
