package io.leadledger.demo;

import java.time.Month;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The Northwind Analytics marketing set-up of the demo: eight lead sources with their volumes and funnel quality,
 * and the campaigns each source runs. Immutable once built for a data window.
 */
final class DemoCatalog {

    /** Lead sources. Rates are per lead (MQL) and per handed lead (accept/reject); the rest is never touched. */
    enum Channel {
        //                 budget label           HubSpot source     SF lead source         base/mo  mql   acc   rej   opp   win  medianUsd
        PAID_SEARCH("Paid search", "Paid Search", "Paid Search", 170, 0.68, 0.35, 0.42, 0.45, 0.30, 20_000),
        ORGANIC_SEARCH("Organic search", "Organic Search", "Organic Search", 135, 0.58, 0.33, 0.42, 0.45, 0.30, 18_000),
        LINKEDIN_ADS("LinkedIn Ads", "Paid Social", "LinkedIn", 105, 0.62, 0.27, 0.44, 0.42, 0.26, 22_000),
        WEBINAR("Webinar", "Offline Sources", "Webinar", 90, 0.30, 0.31, 0.42, 0.45, 0.28, 18_000),
        TRADE_SHOW("Trade show", "Offline Sources", "Trade Show", 0, 0.31, 0.31, 0.42, 0.48, 0.30, 28_000),
        CONTENT_SYNDICATION("Content syndication", "Other Campaigns", "Content Syndication", 170, 0.72, 0.13, 0.52, 0.38, 0.18, 15_000),
        REFERRAL("Referral", "Referrals", "Referral", 35, 0.85, 0.58, 0.26, 0.55, 0.45, 32_000),
        PARTNER("Partner", "Offline Sources", "Partner", 55, 0.72, 0.40, 0.38, 0.50, 0.35, 30_000);

        final String label;
        final String hubspotSource;
        final String salesforceLeadSource;
        final int baseMonthly;
        final double mqlRate;
        final double acceptRate;
        final double rejectRate;
        final double opportunityRate;
        final double winRate;
        final double medianAmountUsd;

        Channel(String label, String hubspotSource, String salesforceLeadSource, int baseMonthly, double mqlRate,
                double acceptRate, double rejectRate, double opportunityRate, double winRate, double medianAmountUsd) {
            this.label = label;
            this.hubspotSource = hubspotSource;
            this.salesforceLeadSource = salesforceLeadSource;
            this.baseMonthly = baseMonthly;
            this.mqlRate = mqlRate;
            this.acceptRate = acceptRate;
            this.rejectRate = rejectRate;
            this.opportunityRate = opportunityRate;
            this.winRate = winRate;
            this.medianAmountUsd = medianAmountUsd;
        }

        /** Webinar and trade-show leads are captured in Marketo by the events team. */
        boolean isEvent() {
            return this == WEBINAR || this == TRADE_SHOW;
        }
    }

    /**
     * A campaign: its name is HubSpot's Original Source Drill-Down 2, Marketo's Acquisition Program, the Google Ads
     * campaign and the budget sheet's Campaign. {@code drillDown1} null means chosen per lead (organic: google/bing).
     * Active in month indexes {@code firstMonth..lastMonth} (0 = first month of the window); a quarterly campaign
     * ({@code quarter} 1-4, else 0) runs in that calendar quarter of every year instead.
     */
    record Campaign(Channel channel, String name, String drillDown1, double weight, int firstMonth, int lastMonth,
                    int quarter) {
        Campaign(Channel channel, String name, String drillDown1, double weight, int firstMonth, int lastMonth) {
            this(channel, name, drillDown1, weight, firstMonth, lastMonth, 0);
        }

        boolean activeIn(int month) {
            return quarter == 0 && month >= firstMonth && month <= lastMonth;
        }
    }

    /** Google Ads economics of a paid-search campaign. */
    record SearchEconomics(double dailyBudget, double cpc, double ctr) {}

    static final int ALWAYS = Integer.MAX_VALUE;

    private static final List<String> WEBINARS = List.of(
            "Webinar: Pipeline Forecasting 101",
            "Webinar: Attribution Without Tears",
            "Webinar: Marketing ROI for CFOs",
            "Webinar: From MQL to Revenue",
            "Webinar: Board-Ready Funnel Reports",
            "Webinar: Lead Routing Best Practices");

    final YearMonth firstMonth;
    final int months;
    final List<Campaign> campaigns;
    final List<SearchEconomics> searchEconomics; // parallel to paidSearch()
    private final Campaign[] webinarOfMonth;
    private final Campaign[] tradeShowOfMonth;
    private final boolean[] tradeShowEventMonth;

    DemoCatalog(YearMonth firstMonth, int months) {
        this.firstMonth = firstMonth;
        this.months = months;
        List<Campaign> all = new ArrayList<>();
        List<SearchEconomics> economics = new ArrayList<>();

        addSearch(all, economics, "PS - Brand - US", 0.22, 0, 160, 2.40, 0.11);
        addSearch(all, economics, "PS - Brand - EMEA", 0.12, 0, 90, 2.10, 0.10);
        addSearch(all, economics, "PS - Competitor - US", 0.18, 0, 330, 9.50, 0.035);
        addSearch(all, economics, "PS - Competitor - EMEA", 0.12, 0, 190, 7.80, 0.032);
        addSearch(all, economics, "PS - Generic - Revenue Attribution - US", 0.24, 0, 380, 7.20, 0.040);
        addSearch(all, economics, "PS - Generic - Pipeline Forecasting - UK", 0.12, 5, 150, 6.10, 0.038);

        all.add(new Campaign(Channel.ORGANIC_SEARCH, "SEO - Blog", null, 0.55, 0, ALWAYS));
        all.add(new Campaign(Channel.ORGANIC_SEARCH, "SEO - Pillar: Pipeline Forecasting", null, 0.30, 0, ALWAYS));
        all.add(new Campaign(Channel.ORGANIC_SEARCH, "SEO - ROI Calculator", null, 0.15, 1, ALWAYS));

        // quarterly persona campaign: "LI - CFO Persona - Q2" runs in calendar Q2 (each year)
        for (int q = 1; q <= 4; q++) {
            all.add(new Campaign(Channel.LINKEDIN_ADS, "LI - CFO Persona - Q" + q, "LinkedIn", 0.35, 0, ALWAYS, q));
        }
        all.add(new Campaign(Channel.LINKEDIN_ADS, "LI - RevOps Retargeting", "LinkedIn", 0.30, 0, ALWAYS));
        all.add(new Campaign(Channel.LINKEDIN_ADS, "LI - Demo Request - Lead Gen Form", "LinkedIn", 0.35, 0, ALWAYS));

        for (String w : WEBINARS) {
            all.add(new Campaign(Channel.WEBINAR, w, "Webinar", 1, 0, ALWAYS));
        }
        webinarOfMonth = new Campaign[months];
        for (int m = 0; m < months; m++) {
            webinarOfMonth[m] = find(all, WEBINARS.get(m % WEBINARS.size()));
        }

        // three shows a year: March, June, September; leads in the event month plus late badge uploads the month after
        tradeShowOfMonth = new Campaign[months];
        tradeShowEventMonth = new boolean[months];
        for (int m = 0; m < months; m++) {
            YearMonth ym = firstMonth.plusMonths(m);
            String show = switch (ym.getMonth()) {
                case MARCH -> "B2B Marketing Expo " + ym.getYear() + " booth";
                case JUNE -> "SaaStr Europa " + ym.getYear() + " booth";
                case SEPTEMBER -> "DMEXCO " + ym.getYear() + " booth";
                default -> null;
            };
            if (show != null) {
                Campaign c = new Campaign(Channel.TRADE_SHOW, show, "Trade show", 1, m, Math.min(m + 1, months - 1));
                all.add(c);
                tradeShowOfMonth[m] = c;
                tradeShowEventMonth[m] = true;
                if (m + 1 < months) {
                    tradeShowOfMonth[m + 1] = c;
                }
            }
        }

        all.add(new Campaign(Channel.CONTENT_SYNDICATION, "CS - TechTarget - RevOps Priority Engine", "Content syndication", 0.35, 0, ALWAYS));
        all.add(new Campaign(Channel.CONTENT_SYNDICATION, "CS - Integrate - Finance Leaders", "Content syndication", 0.25, 0, ALWAYS));
        all.add(new Campaign(Channel.CONTENT_SYNDICATION, "CS - NetLine - State of B2B Attribution", "Content syndication", 0.25, 0, ALWAYS));
        all.add(new Campaign(Channel.CONTENT_SYNDICATION, "CS - Madison Logic - ABM Target List", "Content syndication", 0.15, 3, ALWAYS));

        all.add(new Campaign(Channel.REFERRAL, "Customer Referral Program", "partnerstack.com", 0.45, 0, ALWAYS));
        all.add(new Campaign(Channel.REFERRAL, "G2 Profile", "g2.com", 0.35, 0, ALWAYS));
        all.add(new Campaign(Channel.REFERRAL, "Capterra Listing", "capterra.com", 0.20, 0, ALWAYS));

        all.add(new Campaign(Channel.PARTNER, "Partner - Meridian Consulting MDF", "Partner", 0.45, 0, ALWAYS));
        all.add(new Campaign(Channel.PARTNER, "Partner - Cloudline Reseller", "Partner", 0.35, 0, ALWAYS));
        all.add(new Campaign(Channel.PARTNER, "Partner - Atlas Data Co-marketing", "Partner", 0.20, 2, ALWAYS));

        this.campaigns = List.copyOf(all);
        this.searchEconomics = List.copyOf(economics);
    }

    private static void addSearch(List<Campaign> all, List<SearchEconomics> economics, String name, double weight,
                                  int from, double budget, double cpc, double ctr) {
        all.add(new Campaign(Channel.PAID_SEARCH, name, "google", weight, from, ALWAYS));
        economics.add(new SearchEconomics(budget, cpc, ctr));
    }

    private static Campaign find(List<Campaign> all, String name) {
        for (Campaign c : all) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new IllegalStateException(name);
    }

    List<Campaign> paidSearch() {
        return campaigns.stream().filter(c -> c.channel() == Channel.PAID_SEARCH).toList();
    }

    /** Campaigns of a channel running in a month, in catalog order. */
    List<Campaign> active(Channel channel, int month) {
        List<Campaign> out = new ArrayList<>();
        switch (channel) {
            case WEBINAR -> out.add(webinarOfMonth[month]);
            case TRADE_SHOW -> {
                if (tradeShowOfMonth[month] != null) {
                    out.add(tradeShowOfMonth[month]);
                }
            }
            case LINKEDIN_ADS -> {
                int quarter = (firstMonth.plusMonths(month).getMonthValue() - 1) / 3 + 1;
                for (Campaign c : campaigns) {
                    if (c.channel() == channel && (c.quarter() == quarter || c.activeIn(month))) {
                        out.add(c);
                    }
                }
            }
            default -> {
                for (Campaign c : campaigns) {
                    if (c.channel() == channel && c.activeIn(month)) {
                        out.add(c);
                    }
                }
            }
        }
        return out;
    }

    boolean isTradeShowEventMonth(int month) {
        return tradeShowEventMonth[month];
    }

    /** Target lead volume of a channel in a month, before noise. */
    double target(Channel channel, int month) {
        Month calendar = firstMonth.plusMonths(month).getMonth();
        double season = switch (calendar) {
            case JANUARY -> 1.03;
            case FEBRUARY, OCTOBER -> 1.02;
            case MARCH, SEPTEMBER -> 1.01;
            case JULY -> 0.97;
            case AUGUST -> 0.95;
            case DECEMBER -> 0.95;
            default -> 1.0;
        };
        double trend = 1 + 0.004 * month;
        return switch (channel) {
            case TRADE_SHOW -> tradeShowEventMonth[month] ? 125 : tradeShowOfMonth[month] != null ? 22 : 0;
            case ORGANIC_SEARCH -> channel.baseMonthly * season * (1 + 0.010 * month); // SEO compounding
            case WEBINAR -> channel.baseMonthly * (calendar == Month.AUGUST || calendar == Month.DECEMBER ? 0.8 : 1.0) * trend;
            default -> channel.baseMonthly * season * trend;
        };
    }

    /** Pick the campaign of a new lead: weighted among the campaigns active that month. */
    Campaign pick(Channel channel, int month, Random random) {
        if (channel == Channel.WEBINAR) {
            // most registrants attend this month's webinar, some watch last month's recording on demand
            if (month > 0 && random.nextDouble() < 0.15) {
                return webinarOfMonth[month - 1];
            }
            return webinarOfMonth[month];
        }
        List<Campaign> active = active(channel, month);
        double total = 0;
        for (Campaign c : active) {
            total += c.weight();
        }
        double u = random.nextDouble() * total;
        for (Campaign c : active) {
            u -= c.weight();
            if (u < 0) {
                return c;
            }
        }
        return active.get(active.size() - 1);
    }
}
