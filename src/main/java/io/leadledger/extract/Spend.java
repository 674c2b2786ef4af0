package io.leadledger.extract;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Money spent on a channel/campaign on a day (or in a month, dated its first day). */
public record Spend(String recordId, LocalDate date, String channel, String campaign, BigDecimal amount, String currency) {
}
