package io.leadledger.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Random;

import io.leadledger.demo.GoogleAdsSimulation.CampaignDay;
import io.leadledger.demo.RandomStreams.Concern;

/**
 * Writes the Leadledger demo data set: the files a B2B software company ("Northwind Analytics") would export from
 * HubSpot, Marketo, Salesforce and Google Ads, plus its marketing budget spreadsheet and the ECB reference rates,
 * shaped exactly like the real exports so the demo runs through the same importers as a user's own files.
 *
 * <p>Three stages: the simulation ({@link LeadArrivals}, {@link FunnelSimulation}, {@link LeadIds},
 * {@link DealSimulation}, {@link GoogleAdsSimulation}, {@link BudgetSimulation}, {@link EcbRateSimulation}) builds
 * clean data; the dirtying ({@link DealDefects}, {@link SpecialValues}, {@link LeadDefects}, {@link SpendDefects})
 * makes about 1% of the rows dirty the way real exports are; one writer per file lays it out in that system's format.
 *
 * <p>Covers the 18 months ending with {@code lastMonth}; timestamps are in {@code zone}. Fully deterministic: the
 * same seed, last month and zone give byte-identical files (every random draw comes from the seed, never the clock,
 * and everything is produced in a fixed order).
 */
public final class DemoDataGenerator {

    public static final String HUBSPOT_CONTACTS = "hubspot-contacts.csv";
    public static final String MARKETO_LEADS = "marketo-leads.csv";
    public static final String SALESFORCE_OPPORTUNITIES = "salesforce-opportunities.csv";
    public static final String GOOGLE_ADS_CAMPAIGNS = "google-ads-campaigns.csv";
    public static final String MARKETING_BUDGET = "marketing-budget.xlsx";
    public static final String ECB_RATES = "eurofxref-hist.csv";
    public static final String CAMPAIGN_MEMBERS = "salesforce-campaign-members.csv";
    public static final String MARKETO_ACTIVITIES = "marketo-activities.csv";

    public static final String TENANT = "Northwind Analytics";
    public static final String REPORTING_CURRENCY = "USD";
    public static final int MONTHS = DemoPeriod.MONTHS;

    private final RandomStreams streams;
    private final DemoPeriod period;

    public DemoDataGenerator(long seed, YearMonth lastMonth, ZoneId zone) {
        this.streams = new RandomStreams(seed);
        this.period = DemoPeriod.endingWith(Objects.requireNonNull(lastMonth, "lastMonth"),
                Objects.requireNonNull(zone, "zone"));
    }

    /** Creates {@code dir} if needed and writes the six demo files into it (overwriting existing ones). */
    public DemoSummary generate(Path dir) {
        try {
            Files.createDirectories(dir);
            return write(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DemoSummary write(Path dir) throws IOException {
        DemoWorld world = new DemoWorld(period);
        new LeadArrivals(streams).simulate(world);
        new FunnelSimulation(streams).simulate(world);
        new LeadIds(streams).assign(world);
        // the deal, Google Ads and budget dirt continue the stream of their simulation (as they always have), so
        // neither step can reshuffle the other's draws without changing the files
        Random dealStream = streams.open(Concern.DEALS);
        new DealSimulation().simulate(world, dealStream);
        Random adsStream = streams.open(Concern.GOOGLE_ADS);
        List<CampaignDay> campaignDays = new GoogleAdsSimulation().simulate(world, adsStream);
        Random budgetStream = streams.open(Concern.BUDGET);
        MarketingBudget budget = new BudgetSimulation().simulate(world, budgetStream);
        List<EcbRateSimulation.DailyRates> rates = new EcbRateSimulation(streams).simulate(period);

        // special values before the lead dirt: a contact carrying one is never also made invalid
        int dirtyRows = new DealDefects().apply(world, dealStream);
        new SpecialValues(streams).apply(world);
        dirtyRows += new LeadDefects(streams).apply(world);
        SpendDefects spendDefects = new SpendDefects();
        dirtyRows += spendDefects.dirtyGoogleAds(campaignDays, adsStream);
        dirtyRows += spendDefects.dirtyBudget(budget, budgetStream);
        // campaign touches last, from streams of their own: the files above stay byte-identical
        new CampaignTouchSimulation(streams).simulate(world);

        List<Path> files = List.of(dir.resolve(HUBSPOT_CONTACTS), dir.resolve(MARKETO_LEADS),
                dir.resolve(SALESFORCE_OPPORTUNITIES), dir.resolve(GOOGLE_ADS_CAMPAIGNS),
                dir.resolve(MARKETING_BUDGET), dir.resolve(ECB_RATES), dir.resolve(CAMPAIGN_MEMBERS),
                dir.resolve(MARKETO_ACTIVITIES));
        int hubspotRows = new HubspotContactsWriter().write(files.get(0), world);
        int marketoRows = new MarketoLeadsWriter().write(files.get(1), world);
        int deals = new SalesforceOpportunitiesWriter().write(files.get(2), world);
        int adsRows = new GoogleAdsCampaignsWriter().write(files.get(3), period, campaignDays);
        int budgetRows = new MarketingBudgetWriter().write(files.get(4), budget, period.lastMonth());
        new EcbRatesWriter().write(files.get(5), rates);
        new CampaignMembersWriter().write(files.get(6), world);
        new MarketoActivitiesWriter().write(files.get(7), world);

        int overlap = (int) world.leads.stream().filter(l -> l.inHubspot && l.inMarketo).count();
        int won = (int) world.deals.stream().filter(d -> d.won).count();
        return new DemoSummary(hubspotRows, marketoRows, overlap, deals, won, adsRows + budgetRows, dirtyRows, files);
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
}
