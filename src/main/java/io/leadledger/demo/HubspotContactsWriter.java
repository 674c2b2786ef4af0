package io.leadledger.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVPrinter;

import io.leadledger.demo.DemoPeople.Person;

/** hubspot-contacts.csv as HubSpot's contact export writes it: local times of the portal's zone, to the minute. */
final class HubspotContactsWriter {

    static final List<String> HEADER = List.of("Record ID", "First Name", "Last Name", "Email",
            "Company Name", "Create Date", "Lifecycle Stage", "Lead Status", "Original Source",
            "Original Source Drill-Down 1", "Original Source Drill-Down 2", "Became a Marketing Qualified Lead Date",
            "Became a Sales Qualified Lead Date", "Date of first engagement", "Rejection Reason", "Contact owner");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    /** @return data rows written, duplicates included */
    int write(Path file, DemoWorld world) throws IOException {
        ZoneId zone = world.period.zone();
        int rows = 0;
        try (CSVPrinter out = DemoCsv.open(file, DemoCsv.MINIMAL_QUOTES)) {
            out.printRecord(HEADER);
            for (Lead l : world.hubspotOrder()) {
                Person p = l.person;
                List<String> row = List.of(
                        l.dirtyMissingId ? "" : Long.toString(l.hubspotId),
                        p.firstName,
                        p.lastName,
                        l.dirtyEmail != null ? l.dirtyEmail : p.email,
                        p.companyName,
                        l.dirtyCreateDate != null ? l.dirtyCreateDate : time(l.hubspotCreated, zone),
                        l.lifecycle,
                        l.leadStatus,
                        l.channel.hubspotSource,
                        l.drillDown1,
                        l.campaign.name(),
                        time(l.mql, zone),
                        time(l.sql, zone),
                        time(l.engaged, zone),
                        l.rejectionReason,
                        l.owner);
                out.printRecord(row);
                rows++;
                if (l.duplicate) {
                    out.printRecord(row);
                    rows++;
                }
            }
        }
        return rows;
    }

    private static String time(ZonedDateTime t, ZoneId zone) {
        return t == null ? "" : t.withZoneSameInstant(zone).format(TIME);
    }
}
