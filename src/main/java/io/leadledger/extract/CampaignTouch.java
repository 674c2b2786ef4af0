package io.leadledger.extract;

import java.time.LocalDateTime;

/**
 * One marketing interaction of a person as a tool recorded it (a campaign membership, a form fill, a click): who
 * (an e-mail, or the person's record id in the tool), when, through which channel and campaign, and what kind of
 * touch. It joins the person's lead in the reconcile and becomes a touch of the lead's journey.
 *
 * @param personId the person's record id in the tool; matched only against the leads sources the touches source
 *                 names (people: / leadRefSources), since ids collide across tools
 */
public record CampaignTouch(String recordId, String email, String emailNorm, String personId, LocalDateTime at,
                            String source, String sourceDetail, String campaign, String type, boolean deleted) {
}
