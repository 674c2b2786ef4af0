package io.leadledger.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVPrinter;

import io.leadledger.demo.CampaignTouchSimulation.Response;

/**
 * salesforce-campaign-members.csv as a Salesforce "Campaigns with Campaign Members" report exports it (the columns
 * the salesforce-campaign-members profile reads), one row per response of {@link CampaignTouchSimulation}. Times in
 * the org's zone as "M/d/yyyy h:mm a".
 */
final class CampaignMembersWriter {

    static final List<String> HEADER = List.of("Campaign Name", "Type", "Member Status", "First Responded Date",
            "Created Date", "Lead ID", "Email");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("M/d/yyyy h:mm a", Locale.US);

    /** @return data rows written */
    int write(Path file, DemoWorld world) throws IOException {
        try (CSVPrinter out = DemoCsv.open(file, DemoCsv.ALL_QUOTED)) {
            out.printRecord(HEADER);
            for (Response row : world.campaignResponses) {
                String t = row.at().format(TIME);
                out.printRecord(row.campaign().name(), row.campaign().type(), row.campaign().status(), t, t,
                        row.leadId(), row.email());
            }
        }
        return world.campaignResponses.size();
    }
}
