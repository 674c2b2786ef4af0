package io.leadledger.report.document;

import java.math.BigDecimal;

/** A headline figure with the previous month's value for the change indicator (previous may be null). */
public record Kpi(String key, String label, BigDecimal value, BigDecimal previous, ValueType type) {
}
