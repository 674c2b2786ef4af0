package io.leadledger.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A small tenant for the operations tests: leads, deals and spend of September and October 2026 in
 * three CSVs, with jobs/ naming its executives and its operations address. Figures for October 2026:
 * 3 new leads; 12-month ROI of Paid search (12,000 won on 2,000 spend) 500%, of Webinar (3,000 won on
 * 6,000 spend) -50%.
 */
public final class OpsTenant {

    public static final List<String> EXECUTIVES = List.of("ceo@ops.test", "cmo@ops.test");
    public static final String OPERATIONS = "oncall@ops.test";

    private OpsTenant() {
    }

    /** Writes dir/jobs and the exports; {@code reportsYaml} is appended to monthly-reports.yml. */
    public static Path write(Path dir, String tenant, String reportsYaml) throws IOException {
        Files.createDirectories(dir.resolve("jobs"));
        write(dir.resolve("leads.csv"), """
                Lead ID;E-mail;Created;Source;Campaign;MQL date
                L1;ann@example.com;03-10-2026 09:15;google cpc;Brand;04-10-2026 10:00
                L2;bob@example.com;05-10-2026 10:00;webinar;Oct webinar;06-10-2026 10:00
                L3;cy@example.com;07-10-2026 11:00;google cpc;Generic;
                L4;dan@example.com;09-09-2026 11:00;webinar;Sep webinar;10-09-2026 09:00
                """);
        goodDeals(dir);
        write(dir.resolve("spend.csv"), """
                Day;Channel;Campaign;Amount
                01-10-2026;Paid search;Brand;2000
                01-10-2026;Webinar;Oct webinar;5000
                01-09-2026;Webinar;Sep webinar;1000
                """);
        write(dir.resolve("jobs/leadledger.yml"), """
                tenant:
                  id: %s
                  name: Opsco Ltd
                  reportingCurrency: USD
                  timezone: America/New_York
                alerts: [%s]
                channels:
                  google cpc: Paid search
                  webinar: Webinar
                """.formatted(tenant, OPERATIONS));
        write(dir.resolve("jobs/nightly-sync.yml"), """
                cron: "0 30 2 * * *"
                sources:
                  - name: crm-leads
                    kind: leads
                    files: %s
                    dateFormats: ["dd-MM-yyyy HH:mm"]
                    columns: { id: Lead ID, email: E-mail, createdAt: Created, source: Source, campaign: Campaign, handedAt: MQL date }
                  - name: crm-deals
                    kind: deals
                    files: %s
                    dateFormats: ["dd-MM-yyyy"]
                    defaultCurrency: USD
                    wonStages: [Won]
                    lostStages: [Lost]
                    columns: { id: Deal, email: Contact, amount: Value, stage: Status, closeDate: Closed }
                  - name: ads
                    kind: spend
                    files: %s
                    dateFormats: ["dd-MM-yyyy"]
                    defaultCurrency: USD
                    columns: { date: Day, channel: Channel, campaign: Campaign, amount: Amount }
                """.formatted(dir.resolve("leads.csv"), dir.resolve("deals.csv"), dir.resolve("spend.csv")));
        write(dir.resolve("jobs/monthly-reports.yml"), """
                cron: "0 0 7 1W * *"
                formats: [pdf, xlsx]
                out: %s
                recipients: [%s]
                """.formatted(dir.resolve("out"), String.join(", ", EXECUTIVES)) + reportsYaml);
        return dir.resolve("jobs");
    }

    public static void goodDeals(Path dir) throws IOException {
        write(dir.resolve("deals.csv"), """
                Deal;Contact;Value;Status;Closed
                D1;ann@example.com;12000;Won;20-10-2026
                D2;dan@example.com;3000;Won;25-09-2026
                D3;bob@example.com;900;Open;30-12-2026
                """);
    }

    /** A deals export whose columns were renamed: the source fails its step (and its count audit). */
    public static void brokenDeals(Path dir) throws IOException {
        write(dir.resolve("deals.csv"), """
                Opportunity;Contact;Value;Status;Closed
                D1;ann@example.com;12000;Won;20-10-2026
                """);
    }

    private static void write(Path f, String s) throws IOException {
        Files.writeString(f, s, StandardCharsets.UTF_8);
    }
}
