package io.leadledger.extract;

import java.nio.file.Path;

/**
 * Reads a whole file through its RecordSource and prints how many rows it had and the last row: run by
 * {@link BoundedMemoryTest} in a child JVM with a small heap, where holding the file in memory would fail.
 * Usage: RowCountProbe csv|xlsx FILE
 */
public final class RowCountProbe {

    private RowCountProbe() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[1]);
        long rows = 0;
        RawRecord last = null;
        try (RecordSource src = args[0].equals("xlsx") ? new XlsxRecordSource(file, null, 1)
                : new CsvRecordSource(file, 1, null, null, false)) {
            for (RawRecord r = src.next(); r != null; r = src.next()) {
                rows++;
                last = r;
            }
        }
        System.out.println("rows=" + rows + " last=" + (last == null ? "-" : last.rowNum() + ":" + last.asMap()));
    }
}
