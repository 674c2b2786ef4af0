package io.leadledger.sync;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TerminalProgressTest {

    @Test
    void showsRowsRateAndTimeLeftAtMostOnceASecond() {
        AtomicLong nanos = new AtomicLong();
        StringWriter out = new StringWriter();
        TerminalProgress p = new TerminalProgress("hubspot contacts.csv", 100_000, new PrintWriter(out), nanos::get);
        nanos.set(500_000_000L);
        p.update(2_000);
        assertEquals("", out.toString(), "not before a second has passed");
        nanos.set(2_000_000_000L);
        p.update(40_000);
        assertEquals("\rhubspot contacts.csv: 40,000 of ~100,000 rows, 20,000 rows/s, ETA 3s", out.toString());
        nanos.set(2_500_000_000L);
        p.update(44_000);
        assertThat(out.toString()).doesNotContain("44,000");
        p.finish();
        assertThat(out.toString()).endsWith("\r" + " ".repeat(68) + "\r");
    }

    @Test
    void withoutAnEstimateThereIsNoTimeLeft() {
        AtomicLong nanos = new AtomicLong();
        StringWriter out = new StringWriter();
        TerminalProgress p = new TerminalProgress("budget marketing-budget.xlsx", -1, new PrintWriter(out), nanos::get);
        nanos.set(4_000_000_000L);
        p.update(6_000);
        assertEquals("\rbudget marketing-budget.xlsx: 6,000 rows, 1,500 rows/s", out.toString());
        assertEquals("1h01m", TerminalProgress.duration(3_660));
        assertEquals("2m05s", TerminalProgress.duration(125));
    }

    @Test
    void estimatesTheRowsOfACsvByItsLines() throws Exception {
        Path f = Files.createTempFile("progress", ".csv");
        Files.writeString(f, "a,b\n1,2\n3,4\n5,6\n");
        assertEquals(3, ProgressListener.estimateRows(f));
        assertEquals(-1, ProgressListener.estimateRows(Path.of("budget.xlsx")));
    }
}
