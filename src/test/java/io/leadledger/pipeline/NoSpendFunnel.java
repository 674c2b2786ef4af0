package io.leadledger.pipeline;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A funnel shaped like a real public one: thousands of marketing-qualified leads (every lead handed when created,
 * in the export's MQL column), hundreds of won deals, no spend export, deal amounts mostly 0, no sales-activity
 * column, deals owned by other reps than the leads. Seeded, so its rows (and the figures the test computes from
 * them, independently of the pipeline) are always the same. The data begins in {@link #FIRST}.
 *
 * <p>Also a second, small tenant "mix": leads without any hand-off date, won deals, and spend on a lead campaign
 * and on campaigns no lead names (an SEO retainer, a booth deposit).
 */
final class NoSpendFunnel {

    static final YearMonth FIRST = YearMonth.of(2025, 12);
    static final YearMonth MONTH = YearMonth.of(2026, 10);
    static final List<String> CHANNELS = List.of("content_syndication", "organic_search", "paid_social", "email");
    static final List<String> LEAD_OWNERS = List.of("Ana Lima", "Bruno Dias", "Carla Reis");
    static final List<String> DEAL_OWNERS = List.of("Diego Alves", "Elisa Rocha");
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    record Lead(String id, String email, LocalDateTime created, String channel, String campaign, LocalDateTime sql,
                boolean rejected, String owner) {
    }

    record Deal(String id, Lead lead, String stage, BigDecimal amount, LocalDateTime created, LocalDate close, String owner) {
        boolean won() {
            return stage.equals("closedwon");
        }

        boolean lost() {
            return stage.equals("closedlost");
        }
    }

    final List<Lead> leads = new ArrayList<>();
    final List<Deal> deals = new ArrayList<>();

    NoSpendFunnel(long seed, int leadCount) {
        Random rnd = new Random(seed);
        LocalDateTime start = FIRST.atDay(1).atTime(8, 0);
        LocalDateTime end = MONTH.atEndOfMonth().atTime(18, 0);
        long minutes = java.time.Duration.between(start, end).toMinutes();
        for (int i = 0; i < leadCount; i++) {
            LocalDateTime created = start.plusMinutes((long) (rnd.nextDouble() * minutes));
            String channel = CHANNELS.get(rnd.nextInt(CHANNELS.size()));
            String campaign = channel.substring(0, 3) + "-" + (1 + rnd.nextInt(3));
            double u = rnd.nextDouble();
            // a third accepted (SQL date a few days later), a sixth rejected, the rest no verdict at all
            LocalDateTime sql = u < 0.33 ? created.plusDays(1 + rnd.nextInt(5)) : null;
            if (sql != null && sql.isAfter(end)) {
                sql = null;
            }
            boolean rejected = sql == null && u > 0.83;
            leads.add(new Lead("C" + (10000 + i), "lead" + i + "@funnel" + (i % 50) + ".example", created, channel, campaign,
                    sql, rejected, LEAD_OWNERS.get(rnd.nextInt(LEAD_OWNERS.size()))));
        }
        int d = 0;
        for (Lead l : leads) {
            if (l.sql() == null || rnd.nextDouble() > 0.45) {
                continue;
            }
            LocalDateTime created = l.sql().plusDays(1);
            LocalDate close = created.toLocalDate().plusDays(10 + rnd.nextInt(60));
            String stage;
            if (close.isAfter(MONTH.atEndOfMonth())) {
                stage = "open";
            } else {
                stage = rnd.nextDouble() < 0.75 ? "closedwon" : "closedlost";
            }
            // amounts mostly 0, as the export had them; organic_search wins customers on amounts of 0 only
            double a = rnd.nextDouble();
            BigDecimal amount = a < 0.9 || l.channel().equals("organic_search") ? BigDecimal.ZERO
                    : BigDecimal.valueOf(1000 + rnd.nextInt(9000));
            deals.add(new Deal("D" + (500 + d++), l, stage, amount, created, close, DEAL_OWNERS.get(rnd.nextInt(DEAL_OWNERS.size()))));
        }
    }

    /** Writes the exports and jobs/ of tenant "funnel" under dir; returns the jobs directory. */
    Path write(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("jobs"));
        StringBuilder l = new StringBuilder("Contact ID,Email,Created,Origin,Campaign,MQL Date,SQL Date,Status,Owner\n");
        for (Lead x : leads) {
            l.append(String.join(",", x.id(), x.email(), TS.format(x.created()), x.channel(), x.campaign(),
                    TS.format(x.created()), x.sql() == null ? "" : TS.format(x.sql()),
                    x.rejected() ? "Disqualified" : x.sql() != null ? "Qualified" : "Open", x.owner())).append('\n');
        }
        write(dir.resolve("contacts.csv"), l.toString());
        StringBuilder d = new StringBuilder("Deal ID,Contact Email,Amount,Stage,Created,Close Date,Deal Owner\n");
        for (Deal x : deals) {
            d.append(String.join(",", x.id(), x.lead().email(), x.amount().toPlainString(), x.stage(), TS.format(x.created()),
                    x.close().toString(), x.owner())).append('\n');
        }
        write(dir.resolve("deals.csv"), d.toString());
        write(dir.resolve("jobs/leadledger.yml"), """
                tenant:
                  id: funnel
                  name: Funil Aberto
                  reportingCurrency: BRL
                  timezone: America/Sao_Paulo
                  neverTouchedAfterDays: 14
                alerts: [ops@funnel.test]
                """);
        write(dir.resolve("jobs/nightly-sync.yml"), """
                cron: "0 30 2 * * *"
                sources:
                  - name: crm-contacts
                    kind: leads
                    files: %s
                    dateFormats: ["yyyy-MM-dd HH:mm"]
                    rejectedStatuses: [Disqualified]
                    columns: { id: Contact ID, email: Email, createdAt: Created, source: Origin, campaign: Campaign,
                               handedAt: MQL Date, acceptedAt: SQL Date, status: Status, owner: Owner }
                  - name: crm-deals
                    kind: deals
                    files: %s
                    dateFormats: ["yyyy-MM-dd HH:mm", "yyyy-MM-dd"]
                    defaultCurrency: BRL
                    wonStages: [closedwon]
                    lostStages: [closedlost]
                    columns: { id: Deal ID, email: Contact Email, amount: Amount, stage: Stage, createdAt: Created,
                               closeDate: Close Date, owner: Deal Owner }
                """.formatted(dir.resolve("contacts.csv"), dir.resolve("deals.csv")));
        write(dir.resolve("jobs/monthly-reports.yml"), """
                cron: "0 0 7 1W * *"
                formats: [pdf, xlsx]
                out: %s
                recipients: [ceo@funnel.test]
                insights:
                  minSpend: 1000
                """.formatted(dir.resolve("out")));
        return dir.resolve("jobs");
    }

    /**
     * Tenant "mix": 40 leads of Paid search / Brand, none with a hand-off date, 12 of them won in 2026 (amount 5,000
     * each), and 2026 spend: 30,000 on Brand (a lead campaign), 20,000 on "SEO retainer" and 8,000 on "Booth deposit"
     * (campaigns no lead has). The leads are 2026-01/02, the deals close 2026-03/04.
     */
    static Path writeMix(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("jobs"));
        StringBuilder l = new StringBuilder("Lead ID;E-mail;Created;Source;Campaign\n");
        StringBuilder d = new StringBuilder("Deal;Contact;Value;Status;Closed;Owner\n");
        for (int i = 0; i < 40; i++) {
            LocalDate created = LocalDate.of(2026, 1 + i % 2, 1 + i % 28);
            l.append("M").append(i).append(";mix").append(i).append("@mix.example;")
                    .append(created.format(DateTimeFormatter.ofPattern("dd-MM-yyyy"))).append(" 10:00;google cpc;Brand\n");
            if (i < 12) {
                d.append("X").append(i).append(";mix").append(i).append("@mix.example;5000;Won;")
                        .append(created.plusDays(60).format(DateTimeFormatter.ofPattern("dd-MM-yyyy"))).append(";Rep ")
                        .append(i % 2).append('\n');
            }
        }
        write(dir.resolve("leads.csv"), l.toString());
        write(dir.resolve("deals.csv"), d.toString());
        write(dir.resolve("spend.csv"), """
                Day;Channel;Campaign;Amount
                15-01-2026;Paid search;Brand;20000
                15-02-2026;Paid search;Brand;10000
                15-01-2026;Paid search;SEO retainer;20000
                15-02-2026;Trade show;Booth deposit;8000
                """);
        write(dir.resolve("jobs/leadledger.yml"), """
                tenant:
                  id: mix
                  name: Mixco
                  reportingCurrency: USD
                  timezone: America/New_York
                alerts: [ops@mix.test]
                channels:
                  google cpc: Paid search
                """);
        write(dir.resolve("jobs/nightly-sync.yml"), """
                cron: "0 30 2 * * *"
                sources:
                  - name: crm-leads
                    kind: leads
                    files: %s
                    dateFormats: ["dd-MM-yyyy HH:mm"]
                    columns: { id: Lead ID, email: E-mail, createdAt: Created, source: Source, campaign: Campaign }
                  - name: crm-deals
                    kind: deals
                    files: %s
                    dateFormats: ["dd-MM-yyyy"]
                    defaultCurrency: USD
                    wonStages: [Won]
                    lostStages: [Lost]
                    columns: { id: Deal, email: Contact, amount: Value, stage: Status, closeDate: Closed, owner: Owner }
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
                recipients: [ceo@mix.test]
                insights:
                  minSpend: 5000
                """.formatted(dir.resolve("out")));
        return dir.resolve("jobs");
    }

    private static void write(Path f, String s) throws IOException {
        Files.writeString(f, s, StandardCharsets.UTF_8);
    }
}
