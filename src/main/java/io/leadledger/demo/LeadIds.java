package io.leadledger.demo;

import java.util.Random;

import io.leadledger.demo.RandomStreams.Concern;

/**
 * HubSpot record ids and Marketo ids, increasing with creation time with gaps (other records, deleted ones), and the
 * address as Marketo holds it: a quarter of the synced people typed it differently there.
 */
final class LeadIds {

    private final RandomStreams streams;

    LeadIds(RandomStreams streams) {
        this.streams = streams;
    }

    void assign(DemoWorld world) {
        Random r = streams.open(Concern.RECORD_IDS);
        long id = 51_000_000_000L + r.nextInt(150_000_000);
        for (Lead l : world.hubspotOrder()) {
            id += 1 + r.nextInt(700);
            l.hubspotId = id;
        }
        long mid = 1_000_000 + r.nextInt(80_000);
        for (Lead l : world.marketoOrder()) {
            mid += 1 + r.nextInt(12);
            l.marketoId = mid;
            l.marketoEmail = l.inHubspot && r.nextDouble() < 0.25 ? EmailVariants.variant(l.person.email, true, r)
                    : !l.inHubspot && r.nextDouble() < 0.03 ? EmailVariants.variant(l.person.email, true, r)
                    : l.person.email;
        }
    }
}
