package io.leadledger.cli;

import io.leadledger.support.TestWarehouse;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** 'bench api' runs end to end on a small count (figures printed, not judged): every contact staged, calls counted. */
class ApiBenchTest {

    @Test
    void benchApiSyncsTheStubsContactsAndPrintsItsFigures() throws Exception {
        Path tmp = Files.createTempDirectory("leadledger-bench-api");
        try (TestWarehouse w = TestWarehouse.h2(tmp.resolve("h2"))) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = w.bean(Cli.class).execute(new PrintWriter(out), new PrintWriter(err), "bench", "api",
                    "--contacts", "1050", "--dir", tmp.resolve("bench").toString());
            assertEquals(0, code, err.toString() + out);
            assertThat(out.toString()).contains("records/s")
                    .contains("HTTP calls: 13 (12 list pages, 1 count audit) against the minimum 12")
                    .contains("no ratio");
            assertEquals(1050L, w.jdbc().queryForObject("SELECT COUNT(*) FROM stg_lead WHERE tenant = 'bench-api'", Long.class));
            assertEquals(1050L, w.jdbc().queryForObject("SELECT api_total FROM api_count_audit WHERE tenant = 'bench-api'",
                    Long.class));
            assertThat(System.getProperty("leadledger.api.vendor-rate-limits")).as("put back after the run").isNull();
        }
    }
}
