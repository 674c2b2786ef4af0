package io.leadledger.report.document;

/** How a figure is typed, formatted and written; PDF and XLSX use the same types so figures agree. */
public enum ValueType {
    /** free text (source, campaign, month label) */
    TEXT,
    /** a count, Long */
    INTEGER,
    /** an amount in the tenant's reporting currency, BigDecimal with 2 decimals */
    MONEY,
    /** a ratio, BigDecimal fraction (0.253 = 25.3%) */
    PERCENT,
    /** a plain decimal (days, hours, fractional customers), BigDecimal */
    DECIMAL
}
