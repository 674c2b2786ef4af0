package io.leadledger.extract;

import java.time.LocalDateTime;

/**
 * A lead (contact, person) as one marketing tool knows it. mergedIds: ids of records the tool merged into this
 * one (HubSpot "Merged Contact IDs"), ';'-separated, or null. mergedInto: the record this one was merged into
 * (Salesforce: a merge loser's MasterRecordId), or null; such a record is not deleted but a member of the survivor's
 * lead, as HubSpot's merged-away records are.
 */
public record Lead(String recordId, String email, String emailNorm, String firstName, String lastName, String company,
                   LocalDateTime createdAt, String sourceRaw, String sourceDetail, String campaign, String status,
                   String lifecycleStage, LocalDateTime handedAt, LocalDateTime acceptedAt, LocalDateTime firstTouchAt,
                   boolean rejected, String rejectionReason, String owner, boolean deleted, String mergedIds,
                   String mergedInto) {
}
