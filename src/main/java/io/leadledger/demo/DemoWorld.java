package io.leadledger.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the simulation produced and the exports are written from: the leads in creation order, the deals in
 * Salesforce's order (by created date) and the people registry (the dirtying reserves its e-mail addresses there
 * too, so they stay unique).
 */
final class DemoWorld {

    final DemoPeriod period;
    final DemoCatalog catalog;
    final DemoPeople people;
    final List<Lead> leads = new ArrayList<>();
    final List<Deal> deals = new ArrayList<>();
    /** Campaign responses and Marketo activities in time order (CampaignTouchSimulation). */
    final List<CampaignTouchSimulation.Response> campaignResponses = new ArrayList<>();
    final List<CampaignTouchSimulation.Activity> marketoActivities = new ArrayList<>();

    DemoWorld(DemoPeriod period) {
        this.period = period;
        this.catalog = new DemoCatalog(period.firstMonth(), DemoPeriod.MONTHS);
        this.people = new DemoPeople();
    }

    /** HubSpot contacts in id order (ids are handed out by creation time). */
    List<Lead> hubspotOrder() {
        List<Lead> out = new ArrayList<>();
        for (Lead l : leads) {
            if (l.inHubspot) {
                out.add(l);
            }
        }
        out.sort(Comparator.comparing((Lead l) -> l.hubspotCreated.toInstant()).thenComparingInt(l -> l.seq));
        return out;
    }

    /** Marketo leads by creation time. */
    List<Lead> marketoOrder() {
        List<Lead> out = new ArrayList<>();
        for (Lead l : leads) {
            if (l.inMarketo) {
                out.add(l);
            }
        }
        out.sort(Comparator.comparing((Lead l) -> l.marketoCreated.toInstant()).thenComparingInt(l -> l.seq));
        return out;
    }
}
