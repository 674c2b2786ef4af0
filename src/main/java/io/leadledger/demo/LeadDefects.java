package io.leadledger.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import io.leadledger.demo.RandomStreams.Concern;

/**
 * Dirt in the lead exports: about 1% of HubSpot rows with an impossible date, a broken address or no record id,
 * about 0.2% repeated verbatim (the export repeats a record), and 0.8% bad Marketo rows. Only on leads without a deal
 * and not synced between the two systems, so the dirt costs rows, never a match.
 */
final class LeadDefects {

    private final RandomStreams streams;

    LeadDefects(RandomStreams streams) {
        this.streams = streams;
    }

    /** @return the number of rows made invalid (duplicates not counted: they parse) */
    int apply(DemoWorld world) {
        Random r = streams.open(Concern.DIRTY_LEADS);
        List<Lead> leads = world.leads;
        int dirtyRows = 0;
        List<Lead> hubspot = new ArrayList<>();
        for (Lead l : leads) {
            if (l.inHubspot && !l.inMarketo && !l.hasDeal && !l.special) {
                hubspot.add(l);
            }
        }
        int hubspotRows = (int) leads.stream().filter(l -> l.inHubspot).count();
        Collections.shuffle(hubspot, r);
        int dirty = (int) Math.round(hubspotRows * 0.01);
        for (int i = 0; i < dirty; i++) {
            Lead l = hubspot.get(i);
            double u = r.nextDouble();
            if (u < 0.40) {
                l.dirtyCreateDate = r.nextBoolean() ? "31/02/" + l.hubspotCreated.getYear() + " 25:61" : "n/a";
            } else if (u < 0.75) {
                String local = l.person.email.substring(0, l.person.email.indexOf('@'));
                String domain = l.person.email.substring(l.person.email.indexOf('@') + 1);
                l.dirtyEmail = r.nextBoolean() ? local + "@@" + domain.substring(0, domain.indexOf('.')) : "no-email";
            } else {
                l.dirtyMissingId = true;
            }
            dirtyRows++;
        }
        int duplicates = (int) Math.round(hubspotRows * 0.002);
        for (int i = dirty, n = 0; n < duplicates && i < hubspot.size(); i++, n++) {
            hubspot.get(i).duplicate = true;
        }

        List<Lead> marketo = new ArrayList<>();
        for (Lead l : leads) {
            if (l.inMarketo && !l.inHubspot && !l.hasDeal) {
                marketo.add(l);
            }
        }
        int marketoRows = (int) leads.stream().filter(l -> l.inMarketo).count();
        Collections.shuffle(marketo, r);
        int marketoDirty = (int) Math.round(marketoRows * 0.008);
        for (int i = 0; i < marketoDirty && i < marketo.size(); i++) {
            Lead l = marketo.get(i);
            if (r.nextDouble() < 0.6) {
                String local = l.person.email.substring(0, l.person.email.indexOf('@'));
                l.dirtyMarketoEmail = r.nextBoolean() ? local + "@@example" : "no-email";
            } else {
                l.dirtyMarketoCreated = "n/a";
            }
            dirtyRows++;
        }
        return dirtyRows;
    }
}
