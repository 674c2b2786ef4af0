package io.leadledger.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/**
 * Large, deterministic export files for the benchmark, in the shapes of the built-in profiles
 * (HubSpot contacts, Salesforce opportunities), written as fast as the disk allows. Leads are spread over
 * 50,000 company domains; every match rule has deals to link (contact id, e-mail, company domain) and to refuse
 * (free mail).
 */
final class BenchData {

    static final String LEADS_HEADER = "Record ID,First Name,Last Name,Email,Company Name,Create Date,Lifecycle Stage,"
            + "Lead Status,Original Source,Original Source Drill-Down 1,Original Source Drill-Down 2,"
            + "Became a Marketing Qualified Lead Date,Became a Sales Qualified Lead Date,Date of first engagement,"
            + "Rejection Reason,Contact owner";
    static final String DEALS_HEADER = "Opportunity ID,Opportunity Name,Account Name,Stage,Amount,Opportunity Currency,"
            + "Close Date,Created Date,Lead Source,Opportunity Owner,Won,Closed,Loss Reason,Contact: Email,HubSpot Contact ID";
    private static final String[] SOURCES = {"Paid Search,google", "Organic Search,google", "Paid Social,LinkedIn",
            "Referrals,g2.com", "Offline Sources,Webinar", "Offline Sources,Trade show", "Offline Sources,Partner",
            "Other Campaigns,Content syndication"};
    private static final String[] FIRST = {"Olivia", "Liam", "Emma", "Noah", "Ava", "Mia", "Lucas", "Zoë", "José", "Hannah"};
    private static final String[] LAST = {"Martin", "Schmidt", "Rossi", "Chen", "Patel", "Dubois", "Núñez", "Brooks"};
    private static final DateTimeFormatter HUBSPOT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter SALESFORCE = DateTimeFormatter.ofPattern("M/d/yyyy");

    private BenchData() {
    }

    static void leads(Path file, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        LocalDateTime start = LocalDateTime.of(2025, 5, 1, 8, 0);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(LEADS_HEADER);
            w.write("\r\n");
            StringBuilder sb = new StringBuilder(256);
            for (int i = 0; i < n; i++) {
                sb.setLength(0);
                LocalDateTime created = start.plusMinutes(r.nextInt(18 * 30 * 24 * 60));
                boolean handed = r.nextInt(100) < 60;
                int fate = r.nextInt(100);
                String first = FIRST[r.nextInt(FIRST.length)];
                String last = LAST[r.nextInt(LAST.length)];
                sb.append(5100000000L + i).append(',').append(first).append(',').append(last).append(',')
                        .append("p").append(i).append("@company").append(i % 50000).append(".com,").append("Company ").append(i % 50000).append(',')
                        .append(HUBSPOT.format(created)).append(',')
                        .append(handed ? "Marketing Qualified Lead" : "Lead").append(',')
                        .append(handed ? (fate < 40 ? "Unqualified" : fate < 70 ? "Connected" : "") : "New").append(',')
                        .append(SOURCES[i % SOURCES.length]).append(",Campaign ").append(i % 40).append(',');
                if (handed) {
                    sb.append(HUBSPOT.format(created.plusHours(2))).append(',')
                            .append(fate >= 40 && fate < 70 ? HUBSPOT.format(created.plusDays(2)) : "").append(',')
                            .append(fate < 70 ? HUBSPOT.format(created.plusHours(5)) : "").append(',')
                            .append(fate < 40 ? "No budget" : "").append(',');
                } else {
                    sb.append(",,,,");
                }
                sb.append("Owner ").append(i % 10).append("\r\n");
                w.append(sb);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deals(Path file, int n, int leads, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        LocalDateTime start = LocalDateTime.of(2025, 6, 1, 0, 0);
        String[] ccy = {"USD", "USD", "USD", "EUR", "GBP"};
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(DEALS_HEADER);
            w.write("\r\n");
            StringBuilder sb = new StringBuilder(256);
            for (int i = 0; i < n; i++) {
                sb.setLength(0);
                int lead = (int) ((long) i * leads / n);
                LocalDateTime created = start.plusDays(r.nextInt(500));
                int fate = r.nextInt(10);
                String stage = fate < 3 ? "Closed Won" : fate < 7 ? "Closed Lost" : "Proposal/Price Quote";
                sb.append("006BENCH").append(String.format("%010d", i)).append(",Deal ").append(i).append(",Company ")
                        .append(lead % 50000).append(',').append(stage).append(',').append(5000 + r.nextInt(100000)).append(".00,")
                        .append(ccy[i % ccy.length]).append(',').append(SALESFORCE.format(created.plusDays(14 + r.nextInt(200))))
                        .append(',').append(SALESFORCE.format(created)).append(",Web,Owner ").append(i % 10).append(',')
                        .append(fate < 3 ? 1 : 0).append(',').append(fate < 7 ? 1 : 0).append(',')
                        .append(fate >= 3 && fate < 7 ? "Price" : "").append(',');
                // half by contact id, the rest by e-mail; 1 in 20 names a colleague who is no lead (matched by the
                // account's domain), 1 in 40 a private address (free mail: never matched by domain)
                if (i % 2 == 0) {
                    sb.append(",").append(5100000000L + lead);
                } else if (i % 20 == 1) {
                    sb.append("buyer").append(i).append("@company").append(lead % 50000).append(".com,");
                } else if (i % 40 == 3) {
                    sb.append("deal.maker").append(i).append("@gmail.com,");
                } else {
                    sb.append("P").append(lead).append("@Company").append(lead % 50000).append(".com,");
                }
                sb.append("\r\n");
                w.append(sb);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rates for the whole period so EUR/GBP deals convert. */
    static void ecbRates(Path file) {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("Date,USD,GBP,\n");
            for (var d = java.time.LocalDate.of(2027, 12, 31); !d.isBefore(java.time.LocalDate.of(2025, 1, 1)); d = d.minusDays(1)) {
                w.write(d + ",1.0850,0.8550,\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A benchmark tenant's workspace: the generated leads (HubSpot contacts export) and deals (Salesforce
     * opportunities export), the ECB rates file, two channel names; jobs named {@code <prefix>-sync/-reports}. Written
     * to {@code dir} as a jobs/ directory and loaded from there, as a tenant's own is (a worker reads it by its path).
     */
    static io.leadledger.jobs.Workspace workspace(Path dir, String tenant, String prefix, Path leads, Path deals, Path fx)
            throws IOException {
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.writeString(dir.resolve("leadledger.yml"), """
                tenant:
                  id: %s
                  name: Benchmark
                  reportingCurrency: USD
                  timezone: UTC
                channels:
                  paid search / google: Paid search
                  paid social / linkedin: LinkedIn Ads
                """.formatted(tenant));
        java.nio.file.Files.writeString(dir.resolve("nightly-sync.yml"), """
                job: %s-sync
                timezone: UTC
                fx: %s
                sources:
                  - name: leads
                    profile: hubspot-contacts
                    files: %s
                  - name: deals
                    profile: salesforce-opportunities
                    files: %s
                """.formatted(prefix, fx.toAbsolutePath(), leads.toAbsolutePath(), deals.toAbsolutePath()));
        java.nio.file.Files.writeString(dir.resolve("monthly-reports.yml"), """
                job: %s-reports
                out: out/bench
                """.formatted(prefix));
        return io.leadledger.jobs.Workspace.load(dir);
    }
}
