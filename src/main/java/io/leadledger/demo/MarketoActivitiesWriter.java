package io.leadledger.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVPrinter;

import io.leadledger.demo.CampaignTouchSimulation.Activity;

/**
 * marketo-activities.csv as a Marketo activity log export with display names (the columns the marketo-activities
 * profile reads), one row per activity of {@link CampaignTouchSimulation}, in the order they happened; times in
 * UTC ISO form like marketo-leads.csv.
 */
final class MarketoActivitiesWriter {

    static final List<String> HEADER = List.of("Activity ID", "Lead ID", "Email Address", "Activity Date",
            "Activity Type", "Primary Attribute Value");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT);

    /** @return data rows written */
    int write(Path file, DemoWorld world) throws IOException {
        try (CSVPrinter out = DemoCsv.open(file, DemoCsv.MINIMAL_QUOTES)) {
            out.printRecord(HEADER);
            for (Activity a : world.marketoActivities) {
                out.printRecord(Long.toString(a.id()), Long.toString(a.leadId()), a.email() == null ? "" : a.email(),
                        a.at().withZoneSameInstant(ZoneOffset.UTC).format(TIME), a.type(), a.attribute());
            }
        }
        return world.marketoActivities.size();
    }
}
