package io.leadledger.sync;

import io.leadledger.extract.Deal;
import io.leadledger.extract.ImportLimits;
import io.leadledger.extract.ParsedRow;
import io.leadledger.extract.RawRecord;
import io.leadledger.extract.RowParser;
import io.leadledger.extract.RowRejectedException;
import io.leadledger.extract.Spend;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The chunk step's processor: parses each row. A bad row throws {@link RowRejectedException}, which the step
 * skips (its skip listener writes the quarantine row); a repeated natural key is a duplicate, filtered (null).
 * Before parsing, a row wider than {@link ImportLimits#MAX_COLUMNS} or with a cell longer than
 * {@link ImportLimits#MAX_CELL_CHARS} is quarantined; after it, an amount whose conversion to the reporting
 * currency could leave the accepted range. A repeated id whose values differ from its first row's is a
 * conflict: still a duplicate (the first row wins), but counted and listed for the audit.
 */
class RowProcessor implements ItemProcessor<RawRecord, ParsedRow> {

    private long nanos;

    /** A repeated id with values that differ from the first row that had it. */
    record Conflict(String key, long firstRow, long row, String[] cells) {
    }

    private final RowParser parser;
    private final String amountColumn;
    /** natural key -> the row it was first seen on (high 32 bits) and a hash of its parsed value (low 32 bits) */
    private final Map<String, Long> seen = new HashMap<>();
    private final List<Conflict> conflicts = new ArrayList<>();
    private long conflictCount;
    private Map<String, BigDecimal> maxFactor = Map.of();
    private String reporting;

    RowProcessor(RowParser parser) {
        this(parser, null);
    }

    RowProcessor(RowParser parser, String amountColumn) {
        this.parser = parser;
        this.amountColumn = amountColumn;
    }

    /** The largest factor to the reporting currency each currency's rates allow (from the FX file loaded tonight). */
    void limitConversions(Map<String, BigDecimal> maxFactorByCurrency, String reportingCurrency) {
        this.maxFactor = maxFactorByCurrency;
        this.reporting = reportingCurrency;
    }

    @Override
    public ParsedRow process(RawRecord raw) {
        long t0 = System.nanoTime();
        try {
            return parse(raw);
        } finally {
            nanos += System.nanoTime() - t0;
        }
    }

    /** Time spent parsing rows. */
    long nanos() {
        return nanos;
    }

    private ParsedRow parse(RawRecord raw) {
        checkShape(raw);
        ParsedRow row = parser.parse(raw);
        checkConversion(raw, row.value());
        long packed = (raw.rowNum() << 32) | (row.value().hashCode() & 0xFFFFFFFFL);
        Long first = seen.putIfAbsent(row.naturalKey(), packed);
        if (first == null) {
            return row;
        }
        if ((int) first.longValue() != (int) packed) {
            conflictCount++;
            if (conflicts.size() < ImportLimits.MAX_CONFLICTS_LISTED) {
                conflicts.add(new Conflict(row.naturalKey(), first >>> 32, raw.rowNum(), raw.cells()));
            }
        }
        return null; // a duplicate: Batch counts it as filtered
    }

    private static void checkShape(RawRecord raw) {
        String[] cells = raw.cells();
        if (cells.length > ImportLimits.MAX_COLUMNS) {
            throw new RowRejectedException("(row)", cells.length + " cells", "row has " + cells.length
                    + " cells, more than the " + ImportLimits.MAX_COLUMNS + " a row may have");
        }
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] != null && cells[i].length() > ImportLimits.MAX_CELL_CHARS) {
                var names = raw.header().names();
                String column = i < names.size() && !names.get(i).isEmpty() ? names.get(i) : "column " + (i + 1);
                throw new RowRejectedException(column, cells[i], "value longer than " + ImportLimits.MAX_CELL_CHARS
                        + " characters");
            }
        }
    }

    private void checkConversion(RawRecord raw, Object value) {
        BigDecimal amount;
        String currency;
        if (value instanceof Deal d) {
            amount = d.amount();
            currency = d.currency();
        } else if (value instanceof Spend s) {
            amount = s.amount();
            currency = s.currency();
        } else {
            return;
        }
        BigDecimal factor = maxFactor.get(currency);
        if (factor != null && !ImportLimits.inAmountRange(amount.multiply(factor))) {
            throw new RowRejectedException(amountColumn == null ? "amount" : amountColumn,
                    amountColumn == null ? amount.toPlainString() : raw.get(amountColumn),
                    "amount out of range: " + amount.toPlainString() + " " + currency + " converted to " + reporting
                            + " could exceed 999,999,999,999.99");
        }
    }

    /** Repeated ids with differing values: all of them counted, the first {@value ImportLimits#MAX_CONFLICTS_LISTED} kept. */
    long conflictCount() {
        return conflictCount;
    }

    List<Conflict> conflicts() {
        return conflicts;
    }
}
