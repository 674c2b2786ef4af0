package io.leadledger.demo;

import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import io.leadledger.demo.RandomStreams.Concern;

/**
 * The marketing interactions of people beside their lead records (issue 12), so a lead's journey has more touches
 * than its own records and the attribution models differ: Salesforce campaign responses (webinars, e-mail nurtures,
 * syndicated content, events; most before the person became a lead, some after) and Marketo activities of Marketo
 * leads (web visits before, nurture e-mail clicks after). Each from a stream of its own, drawn after the rest of the
 * simulation and the dirtying, so the other files stay byte-identical.
 */
final class CampaignTouchSimulation {

    /** A campaign member: a campaign's name, its Type (the channel) and the member's status. */
    record Campaign(String name, String type, String status) {
    }

    /** One response to a Salesforce campaign; leadId is the Salesforce lead's id ("" for none). */
    record Response(ZonedDateTime at, Campaign campaign, String email, String leadId) {
    }

    /**
     * One Marketo activity of a lead: its id, the Marketo lead id, the address when the export carries it (null:
     * only the id links it to its lead), the activity type and its primary attribute (the page, the e-mail).
     */
    record Activity(long id, long leadId, String email, ZonedDateTime at, String type, String attribute) {
    }

    static final List<Campaign> CAMPAIGNS = List.of(
            new Campaign("Webinar: Pipeline Analytics 101", "Webinar", "Attended"),
            new Campaign("Webinar: Forecasting with Confidence", "Webinar", "Attended"),
            new Campaign("Nurture: Data Quality Series", "Email", "Clicked"),
            new Campaign("Nurture: ROI Playbook", "Email", "Clicked"),
            new Campaign("Syndication: State of RevOps Report", "Content Syndication", "Downloaded"),
            new Campaign("Event: RevOps Summit Booth", "Trade Show", "Visited Booth"));

    static final String VISIT = "Visit Webpage";
    static final String CLICK = "Click Email";
    private static final List<String> PAGES = List.of("/pricing", "/blog/revops-metrics-that-matter",
            "/customers", "/product/attribution");
    private static final List<String> EMAILS = List.of("Nurture: Data Quality Series - Email 2",
            "Nurture: ROI Playbook - Email 1", "Newsletter: RevOps Monthly");
    /** Ids of Marketo leads deleted since: their activities are touches of no lead. */
    private static final long DELETED_LEAD_IDS = 9_000_000;

    private final RandomStreams streams;

    CampaignTouchSimulation(RandomStreams streams) {
        this.streams = streams;
    }

    void simulate(DemoWorld world) {
        responses(world, streams.open(Concern.CAMPAIGN_TOUCHES));
        activities(world, streams.open(Concern.MARKETO_ACTIVITIES));
    }

    private static void responses(DemoWorld world, Random r) {
        List<Response> rows = world.campaignResponses;
        int strangers = 0;
        for (Lead l : world.leads) {
            String email = l.person.email;
            // about two in three people answered a campaign too: one to three responses, most before they became a
            // lead (the campaign brought them), some after (nurture)
            if (email == null || r.nextInt(3) == 0) {
                continue;
            }
            int n = 1 + r.nextInt(3);
            for (int i = 0; i < n; i++) {
                boolean before = r.nextInt(10) < 6;
                ZonedDateTime at = before ? l.firstTouch.minusDays(1 + r.nextInt(45)).minusMinutes(r.nextInt(600))
                        : l.firstTouch.plusDays(1 + r.nextInt(30)).plusMinutes(r.nextInt(600));
                if (at.isAfter(world.period.end())) {
                    continue;
                }
                // the report carries a lead id of the CRM; the demo reads no Salesforce leads, so the e-mail links it
                String leadId = "00Q" + String.format(Locale.ROOT, "%012d", 500_000L + l.seq);
                rows.add(new Response(at, CAMPAIGNS.get(r.nextInt(CAMPAIGNS.size())), email, leadId));
            }
            // now and then a response from someone who never became a lead: counted as a touch of no lead
            if (r.nextInt(50) == 0) {
                strangers++;
                rows.add(new Response(l.firstTouch.minusDays(3), CAMPAIGNS.get(r.nextInt(CAMPAIGNS.size())),
                        "visitor" + strangers + "@example.net", ""));
            }
        }
        rows.sort(Comparator.comparing(Response::at).thenComparing(Response::email));
    }

    private static void activities(DemoWorld world, Random r) {
        record Drawn(ZonedDateTime at, long leadId, String email, String type, String attribute) {
        }
        List<Drawn> drawn = new java.util.ArrayList<>();
        int deleted = 0;
        for (Lead l : world.marketoOrder()) {
            // half the Marketo leads left a trace: web visits before they filled the form that made them a lead
            // (Marketo ties the anonymous visits to the lead), nurture e-mail clicks after
            if (r.nextInt(2) == 0) {
                continue;
            }
            int n = 1 + r.nextInt(3);
            for (int i = 0; i < n; i++) {
                boolean visit = r.nextInt(10) < 4;
                ZonedDateTime at = visit ? l.marketoCreated.minusDays(1 + r.nextInt(20)).minusMinutes(r.nextInt(600))
                        : l.marketoCreated.plusDays(1 + r.nextInt(40)).plusMinutes(r.nextInt(600));
                String attribute = visit ? PAGES.get(r.nextInt(PAGES.size())) : EMAILS.get(r.nextInt(EMAILS.size()));
                // most rows carry only the lead id; some the address too (an export with the lead's e-mail column)
                String email = r.nextInt(4) == 0 ? l.marketoEmail : null;
                if (!at.isAfter(world.period.end())) {
                    drawn.add(new Drawn(at, l.marketoId, email, visit ? VISIT : CLICK, attribute));
                }
            }
            // now and then a lead deleted in Marketo since: its activities stay in the log, a touch of no lead
            if (r.nextInt(60) == 0) {
                deleted++;
                drawn.add(new Drawn(l.marketoCreated.plusDays(2), DELETED_LEAD_IDS + deleted, null, CLICK,
                        EMAILS.get(r.nextInt(EMAILS.size()))));
            }
        }
        drawn.sort(Comparator.comparing((Drawn d) -> d.at().toInstant()).thenComparingLong(Drawn::leadId));
        // Marketo numbers activities as they happen
        long id = 70_000_000L + r.nextInt(1_000_000);
        for (Drawn d : drawn) {
            id += 1 + r.nextInt(40);
            world.marketoActivities.add(new Activity(id, d.leadId(), d.email(), d.at(), d.type(), d.attribute()));
        }
    }
}
