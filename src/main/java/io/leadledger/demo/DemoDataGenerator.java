package io.leadledger.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

import io.leadledger.demo.DemoCatalog.Campaign;
import io.leadledger.demo.DemoCatalog.Channel;
import io.leadledger.demo.DemoPeople.Company;
import io.leadledger.demo.DemoPeople.Person;
import io.leadledger.demo.DemoPeople.Region;
import io.leadledger.demo.DemoWorkbook.BudgetRow;
import io.leadledger.demo.DemoWorkbook.NoteRow;

/**
 * Writes the Leadledger demo data set: the files a B2B software company ("Northwind Analytics") would export from
 * HubSpot, Marketo, Salesforce and Google Ads, plus its marketing budget spreadsheet and the ECB reference rates,
 * shaped exactly like the real exports so the demo runs through the same importers as a user's own files.
 *
 * <p>Covers the 18 months ending with {@code lastMonth}; timestamps are in {@code zone}. Fully deterministic: the
 * same seed, last month and zone give byte-identical files (every random draw comes from the seed, never the clock,
 * and everything is produced in a fixed order). About 1% of the rows are deliberately dirty the way real exports are.
 */
public final class DemoDataGenerator {

    public static final String HUBSPOT_CONTACTS = "hubspot-contacts.csv";
    public static final String MARKETO_LEADS = "marketo-leads.csv";
    public static final String SALESFORCE_OPPORTUNITIES = "salesforce-opportunities.csv";
    public static final String GOOGLE_ADS_CAMPAIGNS = "google-ads-campaigns.csv";
    public static final String MARKETING_BUDGET = "marketing-budget.xlsx";
    public static final String ECB_RATES = "eurofxref-hist.csv";

    public static final String TENANT = "Northwind Analytics";
    public static final String REPORTING_CURRENCY = "USD";
    public static final int MONTHS = 18;

    static final List<String> HUBSPOT_HEADER = List.of("Record ID", "First Name", "Last Name", "Email",
            "Company Name", "Create Date", "Lifecycle Stage", "Lead Status", "Original Source",
            "Original Source Drill-Down 1", "Original Source Drill-Down 2", "Became a Marketing Qualified Lead Date",
            "Became a Sales Qualified Lead Date", "Date of first engagement", "Rejection Reason", "Contact owner");
    static final List<String> MARKETO_HEADER = List.of("Id", "First Name", "Last Name", "Email Address",
            "Company Name", "Created At", "Lead Source", "Lead Status", "Acquisition Program");
    static final List<String> SALESFORCE_HEADER = List.of("Opportunity ID", "Opportunity Name", "Account Name",
            "Stage", "Amount", "Opportunity Currency", "Close Date", "Created Date", "Lead Source", "Opportunity Owner",
            "Won", "Closed", "Loss Reason", "Contact: Email", "HubSpot Contact ID");
    static final List<String> GOOGLE_ADS_HEADER = List.of("Day", "Campaign", "Campaign type", "Currency code", "Cost",
            "Impressions", "Clicks", "Conversions");
    static final List<String> ECB_HEADER = List.of("Date", "USD", "JPY", "GBP", "CHF");

    private static final List<String> SALES_US = List.of("Marcus Chen", "Ethan Brooks", "Ava Patel", "Ryan Nakamura",
            "Olivia Grant");
    private static final List<String> SALES_EMEA = List.of("Sofia Rossi", "Hannah Schmidt", "Noah Fischer",
            "Chloe Dubois");
    private static final String SALES_UK = "Liam O'Connor";
    private static final List<String> MARKETING_OPS = List.of("Priya Raman", "Tom Becker", "Isabel Ortiz");
    private static final String SALESFORCE_REPORT_USER = "Dana Whitfield";

    private static final List<String> REJECTION_REASONS = List.of("No budget", "Not ICP", "Competitor", "Student",
            "Duplicate", "Bad contact data", "No project");
    private static final double[] REJECTION_WEIGHTS = {0.18, 0.25, 0.07, 0.05, 0.10, 0.15, 0.20};
    private static final double[] REJECTION_WEIGHTS_SYNDICATION = {0.10, 0.36, 0.04, 0.09, 0.08, 0.25, 0.08};
    private static final double[] REJECTION_WEIGHTS_WARM = {0.32, 0.10, 0.08, 0.01, 0.05, 0.04, 0.40};
    private static final List<String> LOSS_REASONS = List.of("Price", "Competitor", "No decision", "Timing",
            "Missing feature");
    private static final double[] LOSS_WEIGHTS = {0.25, 0.25, 0.25, 0.15, 0.10};
    private static final List<String> OPEN_STAGES = List.of("Prospecting", "Qualification", "Needs Analysis",
            "Proposal/Price Quote", "Negotiation/Review");

    private static final DateTimeFormatter HUBSPOT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter MARKETO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT);
    private static final DateTimeFormatter SALESFORCE_DATE = DateTimeFormatter.ofPattern("M/d/yyyy", Locale.US);
    private static final DateTimeFormatter SALESFORCE_GENERATED = DateTimeFormatter.ofPattern("M/d/yyyy h:mm a", Locale.US);
    private static final DateTimeFormatter GOOGLE_RANGE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);
    private static final DateTimeFormatter ISO_DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get();
    private static final CSVFormat SALESFORCE_CSV = CSV.builder().setQuoteMode(QuoteMode.ALL).get();

    private final long seed;
    private final YearMonth lastMonth;
    private final ZoneId zone;

    public DemoDataGenerator(long seed, YearMonth lastMonth, ZoneId zone) {
        this.seed = seed;
        this.lastMonth = Objects.requireNonNull(lastMonth, "lastMonth");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** Creates {@code dir} if needed and writes the six demo files into it (overwriting existing ones). */
    public DemoSummary generate(Path dir) {
        try {
            Files.createDirectories(dir);
            return new Run().generate(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code DemoDataGenerator <dir> <seed> <lastMonth yyyy-MM> [zone]}: writes the demo files (a developer convenience). */
    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: DemoDataGenerator <dir> <seed> <lastMonth yyyy-MM> [zone=UTC]");
            System.exit(2);
        }
        long seed = Long.parseLong(args[1]);
        YearMonth last = YearMonth.parse(args[2]);
        ZoneId zone = args.length > 3 ? ZoneId.of(args[3]) : ZoneOffset.UTC;
        System.out.println(new DemoDataGenerator(seed, last, zone).generate(Path.of(args[0])));
    }

    /** An independent random stream per concern, so changing one part of the data does not reshuffle the others. */
    private Random stream(int n) {
        long z = seed + 0x9E3779B97F4A7C15L * (n + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }

    // ------------------------------------------------------------------------------------------------------------

    private enum Outcome { NOT_HANDED, UNTOUCHED, IN_PROGRESS, ACCEPTED, REJECTED }

    private enum Link { CONTACT_ID, EMAIL_ONLY, NONE, MARKETO_EMAIL }

    /** One person entering the funnel (a HubSpot contact, a Marketo lead, or both). */
    private static final class Lead {
        final int seq;
        final Channel channel;
        final Campaign campaign;
        final String drillDown1;
        final int month;
        final ZonedDateTime firstTouch;
        Person person;
        boolean inHubspot;
        boolean inMarketo;
        ZonedDateTime hubspotCreated;
        ZonedDateTime marketoCreated;
        ZonedDateTime mql;
        ZonedDateTime engaged;
        ZonedDateTime sql;
        LocalDate dealCreated;
        Outcome outcome = Outcome.NOT_HANDED;
        String lifecycle = "";
        String leadStatus = "";
        String rejectionReason = "";
        String owner = "";
        String marketoStatus = "";
        String marketoEmail;
        long hubspotId;
        long marketoId;
        boolean special;
        boolean duplicate;
        boolean hasDeal;
        // dirty values (null = clean)
        String dirtyCreateDate;
        String dirtyEmail;
        boolean dirtyMissingId;
        String dirtyMarketoEmail;
        String dirtyMarketoCreated;

        Lead(int seq, Channel channel, Campaign campaign, String drillDown1, int month, ZonedDateTime firstTouch) {
            this.seq = seq;
            this.channel = channel;
            this.campaign = campaign;
            this.drillDown1 = drillDown1;
            this.month = month;
            this.firstTouch = firstTouch;
        }

        boolean dirty() {
            return dirtyCreateDate != null || dirtyEmail != null || dirtyMissingId;
        }
    }

    private static final class Deal {
        final int seq;
        Lead lead; // null for outbound deals
        Link link;
        String id;
        String name;
        String account;
        BigDecimal amount;
        String currency;
        LocalDate created;
        LocalDate close;
        String stage;
        boolean won;
        boolean closed;
        String lossReason = "";
        String leadSource;
        String owner;
        String email = "";
        boolean inconsistent;
        String dirtyAmount;
        String dirtyCurrency;
        String dirtyClose;

        Deal(int seq) {
            this.seq = seq;
        }

        boolean dirty() {
            return dirtyAmount != null || dirtyCurrency != null || dirtyClose != null;
        }
    }

    /** All state of one {@link #generate(Path)} call. */
    private final class Run {
        final YearMonth firstMonth = lastMonth.minusMonths(MONTHS - 1);
        final DemoCatalog catalog = new DemoCatalog(firstMonth, MONTHS);
        final DemoPeople people = new DemoPeople();
        final ZonedDateTime start = firstMonth.atDay(1).atStartOfDay(zone);
        final ZonedDateTime end = lastMonth.atEndOfMonth().atTime(LocalTime.of(23, 59, 59)).atZone(zone);
        final LocalDate startDate = firstMonth.atDay(1);
        final LocalDate endDate = lastMonth.atEndOfMonth();
        final List<Lead> leads = new ArrayList<>();
        final List<Deal> deals = new ArrayList<>();
        final int[] eventDay = new int[MONTHS];
        int dirtyRows;

        DemoSummary generate(Path dir) throws IOException {
            planEvents();
            createLeads();
            assignPeople();
            Random funnel = stream(3);
            for (Lead lead : leads) {
                funnel(lead, funnel);
            }
            assignLeadIds();
            buildDeals();
            markSpecialRows();
            markDirtyLeads();

            List<Path> files = List.of(dir.resolve(HUBSPOT_CONTACTS), dir.resolve(MARKETO_LEADS),
                    dir.resolve(SALESFORCE_OPPORTUNITIES), dir.resolve(GOOGLE_ADS_CAMPAIGNS),
                    dir.resolve(MARKETING_BUDGET), dir.resolve(ECB_RATES));
            int hubspotRows = writeHubspot(files.get(0));
            int marketoRows = writeMarketo(files.get(1));
            writeSalesforce(files.get(2));
            int adsRows = writeGoogleAds(files.get(3));
            int budgetRows = writeBudget(files.get(4));
            writeEcb(files.get(5));

            int overlap = (int) leads.stream().filter(l -> l.inHubspot && l.inMarketo).count();
            int won = (int) deals.stream().filter(d -> d.won).count();
            return new DemoSummary(hubspotRows, marketoRows, overlap, deals.size(), won, adsRows + budgetRows,
                    dirtyRows, files);
        }

        // ---- leads ---------------------------------------------------------------------------------------------

        void planEvents() {
            Random r = stream(10);
            for (int m = 0; m < MONTHS; m++) {
                LocalDate day = firstMonth.plusMonths(m).atDay(6 + r.nextInt(14));
                while (day.getDayOfWeek() != DayOfWeek.TUESDAY) {
                    day = day.plusDays(1);
                }
                eventDay[m] = day.getDayOfMonth();
            }
        }

        void createLeads() {
            Random r = stream(1);
            Channel[] channels = Channel.values();
            int seq = 0;
            for (int m = 0; m < MONTHS; m++) {
                int[] counts = new int[channels.length];
                int total = 0;
                for (Channel ch : channels) {
                    double target = catalog.target(ch, m);
                    double noise = Math.max(-0.12, Math.min(0.12, 0.05 * r.nextGaussian()));
                    counts[ch.ordinal()] = target == 0 ? 0 : (int) Math.round(target * (1 + noise));
                    total += counts[ch.ordinal()];
                }
                // keep every month inside the 700-1000 band the demo promises
                int bounded = Math.max(740, Math.min(965, total));
                if (bounded != total) {
                    double scale = (double) bounded / total;
                    for (int i = 0; i < counts.length; i++) {
                        counts[i] = (int) Math.round(counts[i] * scale);
                    }
                }
                YearMonth ym = firstMonth.plusMonths(m);
                for (Channel ch : channels) {
                    for (int k = 0; k < counts[ch.ordinal()]; k++) {
                        Campaign campaign = catalog.pick(ch, m, r);
                        String dd1 = campaign.drillDown1() != null ? campaign.drillDown1()
                                : (r.nextDouble() < 0.85 ? "google" : "bing");
                        ZonedDateTime at = ch == Channel.TRADE_SHOW && catalog.isTradeShowEventMonth(m)
                                ? eventMoment(ym, eventDay[m], r) : randomMoment(ym, r);
                        leads.add(new Lead(seq++, ch, campaign, dd1, m, at));
                    }
                }
            }
        }

        ZonedDateTime randomMoment(YearMonth ym, Random r) {
            LocalDate day;
            do {
                day = ym.atDay(1 + r.nextInt(ym.lengthOfMonth()));
            } while (isWeekend(day) && r.nextDouble() > 0.3);
            int hour = r.nextDouble() < 0.8 ? 8 + r.nextInt(10) : r.nextInt(24);
            return LocalDateTime.of(day, LocalTime.of(hour, r.nextInt(60), r.nextInt(60))).atZone(zone);
        }

        /** Badge scans: the three days of the show, during opening hours. */
        ZonedDateTime eventMoment(YearMonth ym, int firstDay, Random r) {
            LocalDate day = ym.atDay(firstDay).plusDays(r.nextInt(3));
            return LocalDateTime.of(day, LocalTime.of(9 + r.nextInt(9), r.nextInt(60), r.nextInt(60))).atZone(zone);
        }

        void assignPeople() {
            Random r = stream(2);
            List<Company> slots = new ArrayList<>();
            while (slots.size() < leads.size()) {
                Company company = people.newCompany(r);
                double u = r.nextDouble();
                int size = u < 0.12 ? 1 : u < 0.42 ? 2 : u < 0.70 ? 3 : u < 0.88 ? 4 : u < 0.96 ? 5 : 6;
                for (int i = 0; i < size; i++) {
                    slots.add(company);
                }
            }
            Collections.shuffle(slots, r);
            for (int i = 0; i < leads.size(); i++) {
                leads.get(i).person = people.newPerson(slots.get(i), r);
            }
        }

        void funnel(Lead l, Random r) {
            Channel ch = l.channel;
            boolean qualifies;
            if (ch.isEvent()) {
                l.inMarketo = true;
                l.marketoCreated = l.firstTouch;
                double u = r.nextDouble();
                qualifies = u < ch.mqlRate;
                boolean synced = qualifies || u < ch.mqlRate + 0.03; // some non-MQLs are synced too
                if (synced) {
                    ZonedDateTime hs = r.nextDouble() < 0.08
                            ? l.firstTouch.minusSeconds(60 + r.nextInt(90 * 60)) // registered through a HubSpot form first
                            : l.firstTouch.plusSeconds(syncDelaySeconds(r));
                    if (hs.isBefore(start)) {
                        hs = l.firstTouch;
                    }
                    if (!hs.isAfter(end)) { // not yet synced at export time otherwise
                        l.inHubspot = true;
                        l.hubspotCreated = hs;
                    }
                }
                if (l.inHubspot && qualifies) {
                    ZonedDateTime mql = max(l.hubspotCreated, l.marketoCreated).plusSeconds(30 + r.nextInt(20 * 60));
                    l.mql = mql.isAfter(end) ? null : mql;
                }
                l.marketoStatus = marketoStatus(l, r);
            } else {
                l.inHubspot = true;
                l.hubspotCreated = l.firstTouch;
                qualifies = r.nextDouble() < ch.mqlRate;
                if (qualifies) {
                    ZonedDateTime mql = l.firstTouch.plusSeconds(mqlDelaySeconds(r));
                    l.mql = mql.isAfter(end) ? null : mql;
                }
            }
            if (!l.inHubspot) {
                return;
            }
            if (l.mql == null) {
                l.lifecycle = ch == Channel.ORGANIC_SEARCH && r.nextDouble() < 0.5 || r.nextDouble() < 0.2 ? "Subscriber" : "Lead";
                l.leadStatus = r.nextDouble() < 0.7 ? "" : "New";
                l.owner = r.nextDouble() < 0.7 ? DemoPeople.pick(MARKETING_OPS, r) : "";
                return;
            }

            // handed to sales
            l.lifecycle = "Marketing Qualified Lead";
            l.owner = salesOwner(l.person.company.region, r);
            double u = r.nextDouble();
            Outcome planned = u < ch.acceptRate ? Outcome.ACCEPTED
                    : u < ch.acceptRate + ch.rejectRate ? Outcome.REJECTED : Outcome.UNTOUCHED;
            double daysLeft = ChronoUnit.MINUTES.between(l.mql, end) / 1440.0;
            boolean backlog = daysLeft < 10 && r.nextDouble() < 0.6 * (1 - daysLeft / 10);
            ZonedDateTime engaged = l.mql.plusSeconds(speedToLeadSeconds(r));
            if (planned == Outcome.UNTOUCHED || backlog || engaged.isAfter(end)) {
                l.outcome = Outcome.UNTOUCHED;
                l.leadStatus = r.nextBoolean() ? "" : "New";
                return;
            }
            l.engaged = engaged;
            ZonedDateTime decided = engaged.plusSeconds(decisionLagSeconds(planned == Outcome.ACCEPTED, r));
            if (decided.isAfter(end)) {
                l.outcome = Outcome.IN_PROGRESS;
                l.leadStatus = DemoPeople.pick(List.of("Attempted to Contact", "Attempted to Contact", "Connected", "In Progress"), r);
                return;
            }
            if (planned == Outcome.ACCEPTED) {
                l.outcome = Outcome.ACCEPTED;
                l.sql = decided;
                l.lifecycle = "Sales Qualified Lead";
                l.leadStatus = r.nextDouble() < 0.6 ? "Connected" : "In Progress";
                if (r.nextDouble() < ch.opportunityRate) {
                    LocalDate created = decided.toLocalDate().plusDays(r.nextDouble() < 0.3 ? 0 : 1 + r.nextInt(21));
                    if (!created.isAfter(endDate)) {
                        l.dealCreated = created;
                    }
                }
            } else {
                l.outcome = Outcome.REJECTED;
                double[] weights = ch == Channel.CONTENT_SYNDICATION ? REJECTION_WEIGHTS_SYNDICATION
                        : ch == Channel.REFERRAL || ch == Channel.PARTNER ? REJECTION_WEIGHTS_WARM : REJECTION_WEIGHTS;
                l.rejectionReason = weighted(REJECTION_REASONS, weights, r);
                boolean timing = l.rejectionReason.equals("No budget") || l.rejectionReason.equals("No project");
                l.leadStatus = timing && r.nextDouble() < 0.6 ? "Bad Timing" : "Unqualified";
            }
        }

        String marketoStatus(Lead l, Random r) {
            if (l.inHubspot) {
                return l.mql != null ? "MQL" : "Nurture";
            }
            if (ChronoUnit.DAYS.between(l.marketoCreated, end) < 14) {
                return "New";
            }
            double u = r.nextDouble();
            return u < 0.15 ? "Disqualified" : u < 0.27 ? "New" : "Nurture";
        }

        long mqlDelaySeconds(Random r) {
            double u = r.nextDouble();
            if (u < 0.45) {
                return r.nextInt(120); // "Contact sales" form: MQL on submission
            } else if (u < 0.80) {
                return 600 + (long) (r.nextDouble() * 2 * 86_400); // lead score crosses the threshold
            }
            return 2 * 86_400 + (long) (r.nextDouble() * 12 * 86_400);
        }

        long syncDelaySeconds(Random r) {
            double s = Math.exp(Math.log(3 * 3600) + 1.2 * r.nextGaussian());
            return (long) Math.max(300, Math.min(5 * 86_400, s));
        }

        long speedToLeadSeconds(Random r) {
            double u = r.nextDouble();
            if (u < 0.30) {
                return 60 + r.nextInt(59 * 60);
            } else if (u < 0.65) {
                return 3600 + (long) (r.nextDouble() * 7 * 3600);
            } else if (u < 0.90) {
                return 8 * 3600 + (long) (r.nextDouble() * 64 * 3600);
            }
            return 3 * 86_400 + (long) (r.nextDouble() * 7 * 86_400);
        }

        long decisionLagSeconds(boolean accept, Random r) {
            double u = r.nextDouble();
            if (accept) {
                return u < 0.5 ? (long) (r.nextDouble() * 6 * 3600) : 86_400 + (long) (r.nextDouble() * 11 * 86_400);
            }
            return u < 0.6 ? (long) (r.nextDouble() * 2 * 3600) : 86_400 + (long) (r.nextDouble() * 6 * 86_400);
        }

        String salesOwner(Region region, Random r) {
            return switch (region) {
                case US -> DemoPeople.pick(SALES_US, r);
                case UK -> r.nextDouble() < 0.7 ? SALES_UK : DemoPeople.pick(SALES_EMEA, r);
                default -> DemoPeople.pick(SALES_EMEA, r);
            };
        }

        void assignLeadIds() {
            Random r = stream(4);
            List<Lead> hubspot = hubspotOrder();
            long id = 51_000_000_000L + r.nextInt(150_000_000);
            for (Lead l : hubspot) {
                id += 1 + r.nextInt(700);
                l.hubspotId = id;
            }
            List<Lead> marketo = marketoOrder();
            long mid = 1_000_000 + r.nextInt(80_000);
            for (Lead l : marketo) {
                mid += 1 + r.nextInt(12);
                l.marketoId = mid;
                l.marketoEmail = l.inHubspot && r.nextDouble() < 0.25 ? emailVariant(l.person.email, true, r)
                        : !l.inHubspot && r.nextDouble() < 0.03 ? emailVariant(l.person.email, true, r)
                        : l.person.email;
            }
        }

        List<Lead> hubspotOrder() {
            List<Lead> out = new ArrayList<>();
            for (Lead l : leads) {
                if (l.inHubspot) {
                    out.add(l);
                }
            }
            out.sort(Comparator.comparing((Lead l) -> l.hubspotCreated.toInstant()).thenComparingInt(l -> l.seq));
            return out;
        }

        List<Lead> marketoOrder() {
            List<Lead> out = new ArrayList<>();
            for (Lead l : leads) {
                if (l.inMarketo) {
                    out.add(l);
                }
            }
            out.sort(Comparator.comparing((Lead l) -> l.marketoCreated.toInstant()).thenComparingInt(l -> l.seq));
            return out;
        }

        // ---- deals ---------------------------------------------------------------------------------------------

        void buildDeals() {
            Random r = stream(5);
            int seq = 0;
            for (Lead l : leads) {
                if (l.dealCreated == null) {
                    continue;
                }
                Deal d = newDeal(seq++, l.channel, l.person.company, l.dealCreated, l.owner, r);
                d.lead = l;
                l.hasDeal = true;
                if (r.nextDouble() < 2.0 / 3.0) {
                    d.link = Link.CONTACT_ID;
                    d.email = r.nextDouble() < 0.85 ? maybeVariant(l.person.email, r) : "";
                } else {
                    d.link = Link.EMAIL_ONLY;
                    d.email = maybeVariant(l.person.email, r);
                }
                deals.add(d);
            }
            int leadDeals = deals.size();

            // deals with a Marketo-only person (met at the booth, never synced to HubSpot)
            List<Lead> candidates = new ArrayList<>();
            for (Lead l : leads) {
                if (l.inMarketo && !l.inHubspot && l.firstTouch.plusDays(20).isBefore(end)) {
                    candidates.add(l);
                }
            }
            Collections.shuffle(candidates, r);
            int marketoDeals = (int) Math.round(leadDeals * 3.0 / 90.0);
            for (int i = 0; i < marketoDeals && i < candidates.size(); i++) {
                Lead l = candidates.get(i);
                LocalDate created = l.marketoCreated.toLocalDate().plusDays(5 + r.nextInt(30));
                if (created.isAfter(endDate)) {
                    created = endDate;
                }
                Deal d = newDeal(seq++, l.channel, l.person.company, created, salesOwner(l.person.company.region, r), r);
                d.lead = l;
                l.hasDeal = true;
                d.link = Link.MARKETO_EMAIL;
                d.email = maybeVariant(l.person.email, r);
                deals.add(d);
            }

            // outbound deals: no lead behind them, nothing to match
            int outbound = (int) Math.round(leadDeals * 7.0 / 90.0);
            long days = ChronoUnit.DAYS.between(startDate, endDate) + 1;
            for (int i = 0; i < outbound; i++) {
                Company company = people.newCompany(r);
                LocalDate created;
                do {
                    created = startDate.plusDays(r.nextInt((int) days));
                } while (isWeekend(created));
                Deal d = newDeal(seq++, null, company, created, salesOwner(company.region, r), r);
                d.link = Link.NONE;
                d.leadSource = r.nextDouble() < 0.8 ? "Outbound" : "";
                deals.add(d);
            }

            deals.sort(Comparator.comparing((Deal d) -> d.created).thenComparingInt(d -> d.seq));
            assignOpportunityIds(r);

            for (Deal d : deals) {
                Lead l = d.lead;
                if (l == null || !l.inHubspot) {
                    continue;
                }
                if (d.won) {
                    l.lifecycle = "Customer";
                    l.leadStatus = "Connected";
                } else if (d.closed) {
                    l.lifecycle = "Opportunity";
                    l.leadStatus = "Connected";
                } else {
                    l.lifecycle = "Opportunity";
                    l.leadStatus = "Open Deal";
                }
            }

            // a handful of deals whose close date was typed with last year's year: closes before the lead existed
            List<Deal> typo = new ArrayList<>();
            for (Deal d : deals) {
                if (d.lead != null && d.closed && d.link != Link.MARKETO_EMAIL
                        && d.lead.firstTouch.isAfter(start.plusDays(120))
                        && d.close.minusYears(1).isBefore(d.lead.firstTouch.toLocalDate())) {
                    typo.add(d);
                }
            }
            Collections.shuffle(typo, r);
            for (int i = 0; i < 5 && i < typo.size(); i++) {
                typo.get(i).close = typo.get(i).close.minusYears(1);
                typo.get(i).inconsistent = true;
            }

            // dirty rows, about 1%
            List<Deal> pool = new ArrayList<>();
            for (Deal d : deals) {
                if (!d.inconsistent) {
                    pool.add(d);
                }
            }
            Collections.shuffle(pool, r);
            int dirty = Math.max(4, (int) Math.round(deals.size() * 0.01));
            boolean[] used = new boolean[pool.size()];
            for (int i = 0; i < dirty; i++) {
                int type = i % 4;
                for (int k = 0; k < pool.size(); k++) {
                    Deal d = pool.get(k);
                    if (used[k] || type == 2 && !d.currency.equals("USD")) {
                        continue; // "US$" is how someone typed the currency of a USD deal
                    }
                    used[k] = true;
                    switch (type) {
                        case 0 -> d.dirtyAmount = "TBD";
                        case 1 -> d.dirtyAmount = "-5000.00";
                        case 2 -> d.dirtyCurrency = "US$";
                        default -> d.dirtyClose = d.close.getYear() + "-13-45";
                    }
                    dirtyRows++;
                    break;
                }
            }
        }

        Deal newDeal(int seq, Channel channel, Company company, LocalDate created, String owner, Random r) {
            Deal d = new Deal(seq);
            double median = channel == null ? 26_000 : channel.medianAmountUsd;
            d.currency = company.region.currency;
            double fx = switch (d.currency) {
                case "EUR" -> 0.92;
                case "GBP" -> 0.79;
                default -> 1.0;
            };
            // lognormal amount in the deal currency, redrawn (not clamped) into 5k-150k so no spikes at the bounds
            double raw;
            int tries = 0;
            do {
                raw = median * fx * Math.exp(0.7 * r.nextGaussian());
            } while ((raw < 5_000 || raw > 150_000) && ++tries < 50);
            double step = raw < 20_000 ? 100 : 500;
            double local = Math.max(5_000, Math.min(150_000, Math.round(raw / step) * step));
            double usd = local / fx;
            d.amount = BigDecimal.valueOf(local).setScale(2, RoundingMode.HALF_UP);
            d.created = created;
            d.owner = owner;
            d.account = company.name;
            String plan = usd < 15_000 ? "Team" : usd < 50_000 ? "Business" : "Enterprise";
            d.name = company.name + " - Northwind " + plan;
            d.leadSource = channel == null ? "" : r.nextDouble() < 0.98 ? channel.salesforceLeadSource : "";

            // longer cycles for larger deals: 2 weeks to 9 months
            int cycle = (int) Math.round(60 * Math.pow(usd / 20_000, 0.5) * Math.exp(0.4 * r.nextGaussian()));
            cycle = Math.max(14, Math.min(270, cycle));
            double winRate = channel == null ? 0.22 : channel.winRate;
            boolean wins = r.nextDouble() < winRate;
            if (!wins) {
                cycle = Math.max(14, (int) Math.round(cycle * (0.5 + 0.5 * r.nextDouble())));
            }
            LocalDate close = created.plusDays(cycle);
            if (!close.isAfter(endDate)) {
                d.closed = true;
                d.won = wins;
                d.close = close;
                d.stage = wins ? "Closed Won" : "Closed Lost";
                if (!wins) {
                    d.lossReason = weighted(LOSS_REASONS, LOSS_WEIGHTS, r);
                }
            } else {
                double elapsed = (double) ChronoUnit.DAYS.between(created, endDate) / cycle;
                d.stage = OPEN_STAGES.get(Math.min(OPEN_STAGES.size() - 1, (int) (elapsed * OPEN_STAGES.size())));
                d.close = close;
                if (r.nextDouble() < 0.08) { // slipped: expected close date already in the past
                    LocalDate past = endDate.minusDays(r.nextInt(20));
                    if (past.isAfter(created)) {
                        d.close = past;
                    }
                }
            }
            return d;
        }

        void assignOpportunityIds(Random r) {
            String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
            long counter = 62L * 62 * 62 * 62 * 10 + r.nextInt(62 * 62 * 62 * 62);
            for (Deal d : deals) {
                counter += 1 + r.nextInt(60);
                char[] tail = new char[5];
                long c = counter;
                for (int i = 4; i >= 0; i--) {
                    tail[i] = alphabet.charAt((int) (c % 62));
                    c /= 62;
                }
                d.id = salesforce18("0065g00000" + new String(tail));
            }
        }

        String maybeVariant(String email, Random r) {
            return r.nextDouble() < 0.15 ? emailVariant(email, false, r) : email;
        }

        // ---- special and dirty rows ----------------------------------------------------------------------------

        /** Values real users' data contains: quotes, commas, newlines, non-ASCII names, formula-looking text. */
        void markSpecialRows() {
            Random r = stream(6);
            List<Lead> pool = new ArrayList<>();
            for (Lead l : leads) {
                if (l.inHubspot && !l.inMarketo && !l.hasDeal && !l.person.freeMail) {
                    pool.add(l);
                }
            }
            Collections.shuffle(pool, r);
            Lead a = pool.get(0);
            a.person.companyName = "Smith \"& Sons\", Inc.\nEMEA";
            Lead b = pool.get(1);
            b.person.firstName = "Zoë";
            b.person.lastName = "Müller";
            b.person.email = people.unique("zoe.mueller", b.person.company.domain);
            Lead c = pool.get(2);
            c.person.firstName = "José";
            c.person.lastName = "Núñez";
            c.person.email = people.unique("jose.nunez", c.person.company.domain);
            Lead d = pool.get(3);
            d.person.firstName = "太郎";
            d.person.lastName = "山田";
            d.person.companyName = "Kaizen Robotics K.K.";
            d.person.email = people.unique("taro.yamada", "kaizen-robotics.jp");
            Lead e = pool.get(4);
            e.person.companyName = "=HYPERLINK(\"http://x\")";
            Lead f = pool.get(5);
            f.person.firstName = "+Plus";
            for (int i = 0; i < 6; i++) {
                pool.get(i).special = true;
            }
        }

        void markDirtyLeads() {
            Random r = stream(7);
            List<Lead> hubspot = new ArrayList<>();
            for (Lead l : leads) {
                if (l.inHubspot && !l.inMarketo && !l.hasDeal && !l.special) {
                    hubspot.add(l);
                }
            }
            int hubspotRows = (int) leads.stream().filter(l -> l.inHubspot).count();
            Collections.shuffle(hubspot, r);
            int dirty = (int) Math.round(hubspotRows * 0.01);
            for (int i = 0; i < dirty; i++) {
                Lead l = hubspot.get(i);
                double u = r.nextDouble();
                if (u < 0.40) {
                    l.dirtyCreateDate = r.nextBoolean() ? "31/02/" + l.hubspotCreated.getYear() + " 25:61" : "n/a";
                } else if (u < 0.75) {
                    String local = l.person.email.substring(0, l.person.email.indexOf('@'));
                    String domain = l.person.email.substring(l.person.email.indexOf('@') + 1);
                    l.dirtyEmail = r.nextBoolean() ? local + "@@" + domain.substring(0, domain.indexOf('.')) : "no-email";
                } else {
                    l.dirtyMissingId = true;
                }
                dirtyRows++;
            }
            // exact duplicate rows (the export repeats a record), about 0.2%
            int duplicates = (int) Math.round(hubspotRows * 0.002);
            for (int i = dirty, n = 0; n < duplicates && i < hubspot.size(); i++, n++) {
                hubspot.get(i).duplicate = true;
            }

            List<Lead> marketo = new ArrayList<>();
            for (Lead l : leads) {
                if (l.inMarketo && !l.inHubspot && !l.hasDeal) {
                    marketo.add(l);
                }
            }
            int marketoRows = (int) leads.stream().filter(l -> l.inMarketo).count();
            Collections.shuffle(marketo, r);
            int marketoDirty = (int) Math.round(marketoRows * 0.008);
            for (int i = 0; i < marketoDirty && i < marketo.size(); i++) {
                Lead l = marketo.get(i);
                if (r.nextDouble() < 0.6) {
                    String local = l.person.email.substring(0, l.person.email.indexOf('@'));
                    l.dirtyMarketoEmail = r.nextBoolean() ? local + "@@example" : "no-email";
                } else {
                    l.dirtyMarketoCreated = "n/a";
                }
                dirtyRows++;
            }
        }

        // ---- writers -------------------------------------------------------------------------------------------

        int writeHubspot(Path file) throws IOException {
            int rows = 0;
            try (CSVPrinter out = printer(file, CSV)) {
                out.printRecord(HUBSPOT_HEADER);
                for (Lead l : hubspotOrder()) {
                    Person p = l.person;
                    List<String> row = List.of(
                            l.dirtyMissingId ? "" : Long.toString(l.hubspotId),
                            p.firstName,
                            p.lastName,
                            l.dirtyEmail != null ? l.dirtyEmail : p.email,
                            p.companyName,
                            l.dirtyCreateDate != null ? l.dirtyCreateDate : hubspotTime(l.hubspotCreated),
                            l.lifecycle,
                            l.leadStatus,
                            l.channel.hubspotSource,
                            l.drillDown1,
                            l.campaign.name(),
                            hubspotTime(l.mql),
                            hubspotTime(l.sql),
                            hubspotTime(l.engaged),
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

        int writeMarketo(Path file) throws IOException {
            int rows = 0;
            List<Lead> marketo = marketoOrder();
            marketo.sort(Comparator.comparingLong(l -> l.marketoId));
            try (CSVPrinter out = printer(file, CSV)) {
                out.printRecord(MARKETO_HEADER);
                for (Lead l : marketo) {
                    out.printRecord(
                            Long.toString(l.marketoId),
                            l.person.firstName,
                            l.person.lastName,
                            l.dirtyMarketoEmail != null ? l.dirtyMarketoEmail : l.marketoEmail,
                            l.person.companyName,
                            l.dirtyMarketoCreated != null ? l.dirtyMarketoCreated
                                    : l.marketoCreated.withZoneSameInstant(ZoneOffset.UTC).format(MARKETO_TIME),
                            l.channel == Channel.WEBINAR ? "Webinar" : "Trade Show",
                            l.marketoStatus,
                            l.campaign.name());
                    rows++;
                }
            }
            return rows;
        }

        void writeSalesforce(Path file) throws IOException {
            try (CSVPrinter out = printer(file, SALESFORCE_CSV)) {
                out.printRecord(SALESFORCE_HEADER);
                for (Deal d : deals) {
                    String hubspotId = d.link == Link.CONTACT_ID ? Long.toString(d.lead.hubspotId) : "";
                    out.printRecord(
                            d.id,
                            d.name,
                            d.account,
                            d.stage,
                            d.dirtyAmount != null ? d.dirtyAmount : d.amount.toPlainString(),
                            d.dirtyCurrency != null ? d.dirtyCurrency : d.currency,
                            d.dirtyClose != null ? d.dirtyClose : d.close.format(SALESFORCE_DATE),
                            d.created.format(SALESFORCE_DATE),
                            d.leadSource,
                            d.owner,
                            d.won ? "1" : "0",
                            d.closed ? "1" : "0",
                            d.lossReason,
                            d.email,
                            hubspotId);
                }
                // the footer Salesforce appends to every report export
                out.println();
                out.printRecord(TENANT);
                out.printRecord("Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.");
                out.printRecord("Confidential Information - Do Not Distribute");
                LocalDateTime generated = endDate.atTime(17, 42);
                out.printRecord("Generated By:  " + SALESFORCE_REPORT_USER + "  " + generated.format(SALESFORCE_GENERATED));
                out.printRecord(TENANT);
            }
        }

        int writeGoogleAds(Path file) throws IOException {
            Random r = stream(8);
            List<Campaign> campaigns = catalog.paidSearch();
            int days = (int) ChronoUnit.DAYS.between(startDate, endDate) + 1;
            Map<String, int[]> leadsPerDay = new LinkedHashMap<>();
            for (Campaign c : campaigns) {
                leadsPerDay.put(c.name(), new int[days]);
            }
            for (Lead l : leads) {
                if (l.channel == Channel.PAID_SEARCH) {
                    int day = (int) ChronoUnit.DAYS.between(startDate, l.hubspotCreated.toLocalDate());
                    leadsPerDay.get(l.campaign.name())[day]++;
                }
            }
            DecimalFormat money = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
            DecimalFormat count = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.US));
            List<String[]> rows = new ArrayList<>();
            for (int i = 0; i < days; i++) {
                LocalDate day = startDate.plusDays(i);
                int month = (int) ChronoUnit.MONTHS.between(firstMonth, YearMonth.from(day));
                for (int k = 0; k < campaigns.size(); k++) {
                    Campaign c = campaigns.get(k);
                    if (!c.activeIn(month)) {
                        continue;
                    }
                    DemoCatalog.SearchEconomics e = catalog.searchEconomics.get(k);
                    double cost = e.dailyBudget() * (isWeekend(day) ? 0.55 : 1.0) * (1 + 0.004 * month)
                            * Math.exp(0.12 * r.nextGaussian());
                    cost = Math.round(cost * 100) / 100.0;
                    long clicks = Math.max(1, Math.round(cost / (e.cpc() * Math.exp(0.1 * r.nextGaussian()))));
                    long impressions = Math.round(clicks / (e.ctr() * Math.exp(0.1 * r.nextGaussian())));
                    int dayLeads = leadsPerDay.get(c.name())[i];
                    double conversions = dayLeads * (0.8 + 0.4 * r.nextDouble());
                    if (r.nextDouble() < 0.15) {
                        conversions += 0.5 * r.nextInt(3); // data-driven attribution gives fractions
                    }
                    rows.add(new String[] {day.format(ISO_DAY), c.name(), "Search", "USD", money.format(cost),
                            count.format(impressions), count.format(clicks), money.format(conversions)});
                }
            }
            List<Integer> indexes = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                indexes.add(i);
            }
            Collections.shuffle(indexes, r);
            int dirty = (int) Math.round(rows.size() * 0.01);
            for (int i = 0; i < dirty; i++) {
                rows.get(indexes.get(i))[4] = "--";
                dirtyRows++;
            }
            try (CSVPrinter out = printer(file, CSV)) {
                out.printRecord("Campaign report");
                out.printRecord(startDate.format(GOOGLE_RANGE) + " - " + endDate.format(GOOGLE_RANGE));
                out.printRecord(GOOGLE_ADS_HEADER);
                for (String[] row : rows) {
                    out.printRecord((Object[]) row);
                }
            }
            return rows.size();
        }

        int writeBudget(Path file) throws IOException {
            Random r = stream(9);
            Map<String, int[]> leadsPerMonth = new LinkedHashMap<>();
            for (Lead l : leads) {
                leadsPerMonth.computeIfAbsent(l.campaign.name(), k -> new int[MONTHS])[l.month]++;
            }
            List<BudgetRow> rows = new ArrayList<>();
            List<NoteRow> notes = new ArrayList<>();
            List<Channel> order = List.of(Channel.LINKEDIN_ADS, Channel.WEBINAR, Channel.TRADE_SHOW,
                    Channel.CONTENT_SYNDICATION, Channel.PARTNER, Channel.ORGANIC_SEARCH, Channel.REFERRAL);
            int webinarFormulas = 0;
            for (int m = 0; m < MONTHS; m++) {
                LocalDate month = firstMonth.plusMonths(m).atDay(1);
                for (Channel ch : order) {
                    for (Campaign c : catalog.active(ch, m)) {
                        int campaignLeads = leadsPerMonth.getOrDefault(c.name(), new int[MONTHS])[m];
                        String currency = switch (ch) {
                            case LINKEDIN_ADS, TRADE_SHOW, PARTNER -> "EUR";
                            default -> "USD";
                        };
                        double amount;
                        String formula = null;
                        switch (ch) {
                            case LINKEDIN_ADS -> {
                                double[] range = c.name().contains("CFO") ? new double[] {9_000, 13_000}
                                        : c.name().contains("Retargeting") ? new double[] {3_500, 5_000}
                                        : new double[] {7_000, 10_000};
                                amount = cents(range[0] + (range[1] - range[0]) * r.nextDouble());
                                if (m == 5 && c.name().contains("Retargeting")) {
                                    double first = cents(amount * 0.6);
                                    double second = cents(amount - first);
                                    formula = plain(first) + "+" + plain(second); // two invoices typed in
                                    amount = cents(first + second);
                                }
                            }
                            case WEBINAR -> {
                                double half = 50 * Math.round((1_500 + 2_250 * r.nextDouble()) / 50);
                                amount = 2 * half;
                                if ((m == 2 || m == 9) && webinarFormulas < 2) {
                                    formula = "2*" + plain(half); // platform licence + promotion, same price
                                    webinarFormulas++;
                                }
                            }
                            case TRADE_SHOW -> {
                                if (!catalog.isTradeShowEventMonth(m)) {
                                    continue; // no spend in the follow-up month: no row
                                }
                                int from = notes.size();
                                String[] items = {"Booth space", "Stand build & logistics", "Travel & lodging", "Sponsorship & swag"};
                                double[][] ranges = {{18_000, 35_000}, {12_000, 25_000}, {6_000, 14_000}, {3_000, 9_000}};
                                amount = 0;
                                for (int i = 0; i < items.length; i++) {
                                    double v = 50 * Math.round((ranges[i][0] + (ranges[i][1] - ranges[i][0]) * r.nextDouble()) / 50);
                                    notes.add(new NoteRow(c.name(), items[i], v));
                                    amount += v;
                                }
                                formula = "SUM(" + DemoWorkbook.NOTES_SHEET + "!C" + DemoWorkbook.noteRowNumber(from)
                                        + ":C" + DemoWorkbook.noteRowNumber(notes.size() - 1) + ")";
                            }
                            case CONTENT_SYNDICATION -> {
                                double cpl = c.name().contains("TechTarget") ? 85 : c.name().contains("Integrate") ? 65
                                        : c.name().contains("NetLine") ? 45 : 75;
                                amount = cpl * campaignLeads;
                            }
                            case PARTNER -> {
                                double mdf = c.name().contains("Meridian") ? 4_000 : c.name().contains("Cloudline") ? 2_500 : 1_500;
                                amount = mdf + (r.nextDouble() < 0.15 ? 50 * Math.round((1_000 + 2_000 * r.nextDouble()) / 50) : 0);
                            }
                            case ORGANIC_SEARCH -> {
                                if (c.name().equals("SEO - Blog")) {
                                    amount = 6_500; // SEO agency retainer
                                } else if (c.name().startsWith("SEO - Pillar")) {
                                    amount = cents(1_200 + 1_200 * r.nextDouble());
                                } else {
                                    amount = m == c.firstMonth() ? 8_000 : 0; // ROI calculator built once
                                }
                            }
                            case REFERRAL -> {
                                if (c.name().equals("Customer Referral Program")) {
                                    amount = 250.0 * campaignLeads; // gift card per referred lead
                                } else if (c.name().equals("G2 Profile")) {
                                    amount = 2_000;
                                } else {
                                    amount = cents(900 + 700 * r.nextDouble());
                                }
                            }
                            default -> throw new IllegalStateException(ch.name());
                        }
                        if (amount > 0) {
                            rows.add(new BudgetRow(month, ch.label, c.name(), currency, amount, formula, false));
                        }
                    }
                }
            }
            List<Integer> plainRows = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).formula() == null) {
                    plainRows.add(i);
                }
            }
            Collections.shuffle(plainRows, r);
            int dirty = Math.max(2, (int) Math.round(rows.size() * 0.01));
            for (int i = 0; i < dirty; i++) {
                BudgetRow b = rows.get(plainRows.get(i));
                rows.set(plainRows.get(i), new BudgetRow(b.month(), b.channel(), b.campaign(), b.currency(), b.amount(), null, true));
                dirtyRows++;
            }
            Instant stamp = lastMonth.plusMonths(1).atDay(2).atTime(9, 30).toInstant(ZoneOffset.UTC);
            DemoWorkbook.write(file, "Marketing spend actuals", rows, notes, stamp, MARKETING_OPS.get(0));
            return rows.size();
        }

        void writeEcb(Path file) throws IOException {
            Random r = stream(11);
            LocalDate from = firstMonth.minusMonths(2).atDay(1);
            double[] value = {1.085, 160.0, 0.855, 0.95};
            double[] center = value.clone();
            double[] low = {1.05, 155, 0.83, 0.93};
            double[] high = {1.12, 165, 0.88, 0.97};
            double[] sigma = {0.0035, 0.45, 0.0017, 0.0015};
            List<String[]> rows = new ArrayList<>();
            for (LocalDate d = from; !d.isAfter(endDate); d = d.plusDays(1)) {
                if (!isTargetBusinessDay(d)) {
                    continue;
                }
                String[] row = new String[6];
                row[0] = d.format(ISO_DAY);
                for (int i = 0; i < 4; i++) {
                    double next = value[i] + 0.03 * (center[i] - value[i]) + sigma[i] * r.nextGaussian();
                    value[i] = Math.max(low[i], Math.min(high[i], next));
                    row[i + 1] = BigDecimal.valueOf(value[i]).setScale(4, RoundingMode.HALF_UP).toPlainString();
                }
                row[5] = ""; // ECB ends every line with a comma
                rows.add(row);
            }
            Collections.reverse(rows); // newest first
            try (CSVPrinter out = printer(file, CSV)) {
                List<String> header = new ArrayList<>(ECB_HEADER);
                header.add("");
                out.printRecord(header);
                for (String[] row : rows) {
                    out.printRecord((Object[]) row);
                }
            }
        }

        CSVPrinter printer(Path file, CSVFormat format) throws IOException {
            Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            return new CSVPrinter(writer, format);
        }

        String hubspotTime(ZonedDateTime t) {
            return t == null ? "" : t.withZoneSameInstant(zone).format(HUBSPOT_TIME);
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** Same address as typed elsewhere: different case and/or surrounding spaces. */
    static String emailVariant(String email, boolean spaces, Random r) {
        int at = email.indexOf('@');
        String local = email.substring(0, at);
        String domain = email.substring(at + 1);
        String variant = switch (r.nextInt(3)) {
            case 0 -> titleCase(local) + "@" + titleCase(domain.substring(0, 1)) + domain.substring(1);
            case 1 -> email.toUpperCase(Locale.ROOT);
            default -> titleCase(local) + "@" + domain;
        };
        if (spaces && r.nextDouble() < 0.5) {
            variant = r.nextBoolean() ? "  " + variant : variant + " ";
        }
        return variant;
    }

    /** "olivia.martin" → "Olivia.Martin". */
    private static String titleCase(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean startOfPart = true;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            out.append(startOfPart ? Character.toUpperCase(ch) : ch);
            startOfPart = "._-".indexOf(ch) >= 0;
        }
        return out.toString();
    }

    private static ZonedDateTime max(ZonedDateTime a, ZonedDateTime b) {
        return a.isAfter(b) ? a : b;
    }

    private static boolean isWeekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    /** TARGET2 closing days: weekends, New Year, Good Friday, Easter Monday, 1 May, 25 and 26 December. */
    static boolean isTargetBusinessDay(LocalDate d) {
        if (isWeekend(d)) {
            return false;
        }
        MonthDay md = MonthDay.from(d);
        if (md.equals(MonthDay.of(1, 1)) || md.equals(MonthDay.of(5, 1)) || md.equals(MonthDay.of(12, 25))
                || md.equals(MonthDay.of(12, 26))) {
            return false;
        }
        LocalDate easter = easterSunday(d.getYear());
        return !d.equals(easter.minusDays(2)) && !d.equals(easter.plusDays(1));
    }

    /** Anonymous Gregorian algorithm. */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }

    /** Salesforce's 15 → 18 character id: a case-insensitive checksum suffix of three characters. */
    static String salesforce18(String id15) {
        String map = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
        StringBuilder out = new StringBuilder(id15);
        for (int chunk = 0; chunk < 3; chunk++) {
            int flags = 0;
            for (int i = 0; i < 5; i++) {
                char ch = id15.charAt(chunk * 5 + i);
                if (ch >= 'A' && ch <= 'Z') {
                    flags |= 1 << i;
                }
            }
            out.append(map.charAt(flags));
        }
        return out.toString();
    }

    private static <T> T weighted(List<T> values, double[] weights, Random r) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = r.nextDouble() * total;
        for (int i = 0; i < values.size(); i++) {
            u -= weights[i];
            if (u < 0) {
                return values.get(i);
            }
        }
        return values.get(values.size() - 1);
    }

    private static double cents(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
