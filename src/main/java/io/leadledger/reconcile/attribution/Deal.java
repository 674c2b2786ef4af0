package io.leadledger.reconcile.attribution;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * A consistent deal linked to a lead (core_deal), as attribution sees it.
 *
 * @param status    won, lost or open
 * @param amountRpt the amount in the reporting currency: what its credits add up to
 * @param createdAt when the opportunity was created; null when the CRM export does not say
 * @param closeDate the close date (expected close date for open deals)
 */
public record Deal(String sourceName, String recordId, String leadKey, String status, BigDecimal amountRpt,
                   LocalDateTime createdAt, LocalDate closeDate) {

    public boolean won() {
        return "won".equals(status);
    }
}
