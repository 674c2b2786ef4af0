package io.leadledger.report.document;

import java.util.List;
import java.util.function.Consumer;

/**
 * A sheet listing the rows behind a report's figures, streamed from the warehouse into the workbook
 * (never held in memory): {@code rows} is called with a sink that takes one row of values at a time.
 */
public record DetailSheet(String name, List<Column> columns, Consumer<Consumer<Object[]>> rows) {
}
