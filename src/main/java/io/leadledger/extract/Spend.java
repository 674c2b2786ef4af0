package io.leadledger.extract;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Money spent on a channel/campaign on a day, or in a month (monthOnly: the file wrote yyyy-MM; dated its
 * first day, converted by the source's spendFxDate).
 */
public record Spend(String recordId, LocalDate date, String channel, String campaign, BigDecimal amount, String currency,
                    boolean monthOnly) {
}
