package io.leadledger.reconcile.attribution;

import java.time.LocalDateTime;

/**
 * One marketing interaction of a lead, in the tenant's channel taxonomy.
 *
 * @param at         when it happened (tenant local time)
 * @param campaign   the campaign, "(none)" when the record names none
 * @param leadRecord true when the touch is a lead record (the lead exists from it on); a campaign
 *                   membership touch, which may precede the lead record, would be false
 */
public record Touch(LocalDateTime at, String channel, String campaign, String sourceName, String recordId,
                    boolean leadRecord) {
}
