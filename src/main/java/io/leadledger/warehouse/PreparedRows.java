package io.leadledger.warehouse;

import io.leadledger.jobs.SourceKind;

import java.util.List;

/**
 * Parsed rows made ready for their staging table: the LOAD DATA bytes when the warehouse takes them, else
 * the JDBC batch arguments. Built on the reading thread, so encoding overlaps the database's work.
 */
public record PreparedRows(SourceKind kind, int size, byte[] tsv, List<Object[]> args) {
}
