package io.leadledger.cli;

import io.leadledger.bench.ImportBenchmark;
import io.leadledger.bench.ReportBenchmark;
import io.leadledger.bench.SqlOnlyMatching;
import io.leadledger.support.TestWarehouse;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmarks are built only when a 'bench' command runs: an ordinary start (and its failures) never touches them. */
class BenchWiringTest {

    @Test
    void noBenchmarkBeanIsBuiltByAnOrdinaryStartOrCommand() throws Exception {
        try (TestWarehouse w = TestWarehouse.h2(Files.createTempDirectory("leadledger-bench-wiring"))) {
            var factory = w.context().getBeanFactory();
            assertThat(w.bean(Cli.class).execute(new java.io.PrintWriter(java.io.Writer.nullWriter()),
                    new java.io.PrintWriter(java.io.Writer.nullWriter()), "history")).isZero();
            for (Class<?> bench : List.of(ImportBenchmark.class, ReportBenchmark.class, SqlOnlyMatching.class,
                    io.leadledger.bench.ApiBenchmark.class)) {
                String[] names = factory.getBeanNamesForType(bench, true, false);
                assertThat(names).as(bench.getSimpleName()).hasSize(1);
                assertThat(factory.containsSingleton(names[0])).as(bench.getSimpleName() + " built").isFalse();
            }
            // asking for one builds it (what 'bench import' does)
            w.bean(SqlOnlyMatching.class);
            assertThat(factory.containsSingleton(factory.getBeanNamesForType(SqlOnlyMatching.class, true, false)[0])).isTrue();
        }
    }
}
