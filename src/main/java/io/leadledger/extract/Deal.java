package io.leadledger.extract;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * A deal (opportunity) as the CRM knows it; leadRef is an explicit lead/contact id when the CRM carries one,
 * accountDomain the account's website as a bare domain.
 */
public record Deal(String recordId, String name, String account, String contactEmail, String emailNorm, String leadRef,
                   String stage, boolean closed, boolean won, BigDecimal amount, String currency,
                   LocalDateTime createdAt, LocalDate closeDate, String owner, String lossReason, String leadSource,
                   boolean deleted, String accountDomain) {
}
