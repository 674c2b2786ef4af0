package io.leadledger.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.apache.commons.csv.CSVPrinter;

/**
 * salesforce-campaign-members.csv as a Salesforce "Campaigns with Campaign Members" report exports it: the
 * campaigns people responded to (webinars, e-mail nurtures, syndicated content, events) before and after they became
 * leads, so a lead's journey has more touches than its own records and the attribution models differ. Times in the
 * org's zone as "M/d/yyyy h:mm a". Drawn from a stream of its own: the other files stay byte-identical.
 */
final class CampaignMembersWriter {

    static final List<String> HEADER = List.of("Campaign Name", "Type", "Member Status", "First Responded Date",
            "Created Date", "Lead ID", "Email");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("M/d/yyyy h:mm a", Locale.US);

    private record Campaign(String name, String type, String status) {
    }

    private static final List<Campaign> CAMPAIGNS = List.of(
            new Campaign("Webinar: Pipeline Analytics 101", "Webinar", "Attended"),
            new Campaign("Webinar: Forecasting with Confidence", "Webinar", "Attended"),
            new Campaign("Nurture: Data Quality Series", "Email", "Clicked"),
            new Campaign("Nurture: ROI Playbook", "Email", "Clicked"),
            new Campaign("Syndication: State of RevOps Report", "Content Syndication", "Downloaded"),
            new Campaign("Event: RevOps Summit Booth", "Trade Show", "Visited Booth"));

    private record Row(ZonedDateTime at, Campaign campaign, String email, String leadId) {
    }

    /** @return data rows written */
    int write(Path file, DemoWorld world, Random r) throws IOException {
        List<Row> rows = new ArrayList<>();
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
                String leadId = "00Q" + String.format(Locale.ROOT, "%012d", 500_000L + l.seq);
                rows.add(new Row(at, CAMPAIGNS.get(r.nextInt(CAMPAIGNS.size())), email, leadId));
            }
            // now and then a response from someone who never became a lead: counted as a touch of no lead
            if (r.nextInt(50) == 0) {
                strangers++;
                rows.add(new Row(l.firstTouch.minusDays(3), CAMPAIGNS.get(r.nextInt(CAMPAIGNS.size())),
                        "visitor" + strangers + "@example.net", ""));
            }
        }
        rows.sort(Comparator.comparing(Row::at).thenComparing(Row::email));
        try (CSVPrinter out = DemoCsv.open(file, DemoCsv.ALL_QUOTED)) {
            out.printRecord(HEADER);
            for (Row row : rows) {
                String t = row.at.format(TIME);
                out.printRecord(row.campaign.name, row.campaign.type, row.campaign.status, t, t, row.leadId, row.email);
            }
        }
        return rows.size();
    }
}
