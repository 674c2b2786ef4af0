package io.leadledger.reconcile.attribution;

import java.math.BigDecimal;

/**
 * One touch's part of a deal under one model.
 *
 * @param touch  position of the touch on the deal's path (0-based)
 * @param share  fraction of the deal, 6 decimals
 * @param amount amount in the reporting currency, to the cent
 */
public record Credit(int touch, BigDecimal share, BigDecimal amount) {
}
