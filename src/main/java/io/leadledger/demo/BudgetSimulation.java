package io.leadledger.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.leadledger.demo.DemoCatalog.Campaign;
import io.leadledger.demo.DemoCatalog.Channel;
import io.leadledger.demo.MarketingBudget.BudgetRow;
import io.leadledger.demo.MarketingBudget.NoteRow;

/**
 * What each non-search campaign cost per month, the way marketing books it: in the invoice currency, some amounts
 * typed as formulas (two invoices, a trade show's cost breakdown), cost-per-lead channels from the leads they sent.
 */
final class BudgetSimulation {

    /** Sheet order: how marketing groups its channels (paid search is in the Google Ads report instead). */
    private static final List<Channel> ORDER = List.of(Channel.LINKEDIN_ADS, Channel.WEBINAR, Channel.TRADE_SHOW,
            Channel.CONTENT_SYNDICATION, Channel.PARTNER, Channel.ORGANIC_SEARCH, Channel.REFERRAL);
    private static final String[] TRADE_SHOW_ITEMS = {"Booth space", "Stand build & logistics", "Travel & lodging",
            "Sponsorship & swag"};
    private static final double[][] TRADE_SHOW_RANGES = {{18_000, 35_000}, {12_000, 25_000}, {6_000, 14_000},
            {3_000, 9_000}};

    /** @param r the budget's stream; the caller hands it on to {@link SpendDefects} afterwards */
    MarketingBudget simulate(DemoWorld world, Random r) {
        DemoCatalog catalog = world.catalog;
        Map<String, int[]> leadsPerMonth = new LinkedHashMap<>();
        for (Lead l : world.leads) {
            leadsPerMonth.computeIfAbsent(l.campaign.name(), k -> new int[DemoPeriod.MONTHS])[l.month]++;
        }
        List<BudgetRow> rows = new ArrayList<>();
        List<NoteRow> notes = new ArrayList<>();
        int webinarFormulas = 0;
        for (int m = 0; m < DemoPeriod.MONTHS; m++) {
            LocalDate month = world.period.firstMonth().plusMonths(m).atDay(1);
            for (Channel ch : ORDER) {
                for (Campaign c : catalog.active(ch, m)) {
                    int campaignLeads = leadsPerMonth.getOrDefault(c.name(), new int[DemoPeriod.MONTHS])[m];
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
                            amount = 0;
                            for (int i = 0; i < TRADE_SHOW_ITEMS.length; i++) {
                                double[] range = TRADE_SHOW_RANGES[i];
                                double v = 50 * Math.round((range[0] + (range[1] - range[0]) * r.nextDouble()) / 50);
                                notes.add(new NoteRow(c.name(), TRADE_SHOW_ITEMS[i], v));
                                amount += v;
                            }
                            formula = "SUM(" + MarketingBudgetWriter.NOTES_SHEET + "!C"
                                    + MarketingBudgetWriter.noteRowNumber(from) + ":C"
                                    + MarketingBudgetWriter.noteRowNumber(notes.size() - 1) + ")";
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
        return new MarketingBudget(rows, notes);
    }

    private static double cents(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** As typed into a formula: no trailing zeros. */
    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
