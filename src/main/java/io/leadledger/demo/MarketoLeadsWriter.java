package io.leadledger.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVPrinter;

import io.leadledger.demo.DemoCatalog.Channel;

/** marketo-leads.csv as a Marketo smart-list export: by lead id, times in UTC ISO form. */
final class MarketoLeadsWriter {

    static final List<String> HEADER = List.of("Id", "First Name", "Last Name", "Email Address",
            "Company Name", "Created At", "Lead Source", "Lead Status", "Acquisition Program");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT);

    /** @return data rows written */
    int write(Path file, DemoWorld world) throws IOException {
        int rows = 0;
        List<Lead> marketo = world.marketoOrder();
        marketo.sort(Comparator.comparingLong(l -> l.marketoId));
        try (CSVPrinter out = DemoCsv.open(file, DemoCsv.MINIMAL_QUOTES)) {
            out.printRecord(HEADER);
            for (Lead l : marketo) {
                out.printRecord(
                        Long.toString(l.marketoId),
                        l.person.firstName,
                        l.person.lastName,
                        l.dirtyMarketoEmail != null ? l.dirtyMarketoEmail : l.marketoEmail,
                        l.person.companyName,
                        l.dirtyMarketoCreated != null ? l.dirtyMarketoCreated
                                : l.marketoCreated.withZoneSameInstant(ZoneOffset.UTC).format(TIME),
                        l.channel == Channel.WEBINAR ? "Webinar" : "Trade Show",
                        l.marketoStatus,
                        l.campaign.name());
                rows++;
            }
        }
        return rows;
    }
}
