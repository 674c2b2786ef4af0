package io.leadledger.sync;

import io.leadledger.extract.Deal;
import io.leadledger.extract.ImportLimits;
import io.leadledger.extract.ParsedRow;
import io.leadledger.extract.RawRecord;
import io.leadledger.extract.RowRejectedException;
import io.leadledger.extract.Spend;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The chunk step's processor, for rows the reader parsed: a row that could not be parsed throws its
 * {@link RowRejectedException}, which the step skips (its skip listener writes the quarantine row), as does an
 * amount whose conversion to the reporting currency could leave the accepted range; a repeated natural key is a
 * duplicate, filtered (null). A repeated id whose values differ from its first row's is a conflict: still a
 * duplicate (the first row wins), but counted and listed for the audit. Rows come in file order on one thread,
 * so "first" is the file's first.
 */
class RowProcessor implements ItemProcessor<ParsedRow, ParsedRow> {

    /** A repeated id with values that differ from the first row that had it. */
    record Conflict(String key, long firstRow, long row, String[] cells) {
    }

    private final String amountColumn;
    /** natural key -> the row it was first seen on (high 32 bits) and a hash of its parsed value (low 32 bits) */
    private final Map<String, Long> seen = new HashMap<>();
    private final List<Conflict> conflicts = new ArrayList<>();
    private long conflictCount;
    private Map<String, BigDecimal> maxFactor = Map.of();
    private String reporting;

    RowProcessor(String amountColumn) {
        this.amountColumn = amountColumn;
    }

    /** The largest factor to the reporting currency each currency's rates allow (from the FX file loaded tonight). */
    void limitConversions(Map<String, BigDecimal> maxFactorByCurrency, String reportingCurrency) {
        this.maxFactor = maxFactorByCurrency;
        this.reporting = reportingCurrency;
    }

    @Override
    public ParsedRow process(ParsedRow row) {
        if (row.isRejected()) {
            throw row.rejection();
        }
        RawRecord raw = row.raw();
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
