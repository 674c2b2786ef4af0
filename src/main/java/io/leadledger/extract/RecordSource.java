package io.leadledger.extract;

/**
 * A stream of rows from one place a source delivers them (a CSV file, a sheet, later an API):
 * one implementation per kind of place. Streams: never holds more than the current row.
 */
public interface RecordSource extends AutoCloseable {

    /** Where the rows come from, as printed in errors and the run audit. */
    String location();

    Header header();

    /** The next data row, or null at the end. */
    RawRecord next();

    @Override
    void close();
}
