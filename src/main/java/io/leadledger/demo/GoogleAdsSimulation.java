package io.leadledger.demo;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.leadledger.demo.DemoCatalog.Campaign;

/**
 * Daily paid-search statistics per active campaign: cost around the campaign's budget (less at weekends), clicks
 * and impressions from its cost per click and click rate, conversions near the leads the campaign really brought.
 */
final class GoogleAdsSimulation {

    /** One row of the campaign report; {@code costMissing}: the dirtying blanked the cost to "--". */
    record CampaignDay(LocalDate day, String campaign, double cost, long impressions, long clicks,
                       double conversions, boolean costMissing) {
        CampaignDay withCostMissing() {
            return new CampaignDay(day, campaign, cost, impressions, clicks, conversions, true);
        }
    }

    /** @param r the Google Ads stream; the caller hands it on to {@link SpendDefects} afterwards */
    List<CampaignDay> simulate(DemoWorld world, Random r) {
        DemoCatalog catalog = world.catalog;
        LocalDate startDate = world.period.startDate();
        List<Campaign> campaigns = catalog.paidSearch();
        int days = (int) ChronoUnit.DAYS.between(startDate, world.period.endDate()) + 1;
        Map<String, int[]> leadsPerDay = new LinkedHashMap<>();
        for (Campaign c : campaigns) {
            leadsPerDay.put(c.name(), new int[days]);
        }
        for (Lead l : world.leads) {
            if (l.channel == DemoCatalog.Channel.PAID_SEARCH) {
                int day = (int) ChronoUnit.DAYS.between(startDate, l.hubspotCreated.toLocalDate());
                leadsPerDay.get(l.campaign.name())[day]++;
            }
        }
        List<CampaignDay> rows = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            LocalDate day = startDate.plusDays(i);
            int month = (int) ChronoUnit.MONTHS.between(world.period.firstMonth(), YearMonth.from(day));
            for (int k = 0; k < campaigns.size(); k++) {
                Campaign c = campaigns.get(k);
                if (!c.activeIn(month)) {
                    continue;
                }
                DemoCatalog.SearchEconomics e = catalog.searchEconomics.get(k);
                double cost = e.dailyBudget() * (DemoPeriod.isWeekend(day) ? 0.55 : 1.0) * (1 + 0.004 * month)
                        * Math.exp(0.12 * r.nextGaussian());
                cost = Math.round(cost * 100) / 100.0;
                long clicks = Math.max(1, Math.round(cost / (e.cpc() * Math.exp(0.1 * r.nextGaussian()))));
                long impressions = Math.round(clicks / (e.ctr() * Math.exp(0.1 * r.nextGaussian())));
                int dayLeads = leadsPerDay.get(c.name())[i];
                double conversions = dayLeads * (0.8 + 0.4 * r.nextDouble());
                if (r.nextDouble() < 0.15) {
                    conversions += 0.5 * r.nextInt(3); // data-driven attribution gives fractions
                }
                rows.add(new CampaignDay(day, c.name(), cost, impressions, clicks, conversions, false));
            }
        }
        return rows;
    }
}
