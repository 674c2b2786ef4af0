package io.leadledger.demo;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import io.leadledger.demo.DemoCatalog.Campaign;
import io.leadledger.demo.DemoCatalog.Channel;
import io.leadledger.demo.DemoPeople.Company;
import io.leadledger.demo.RandomStreams.Concern;

/**
 * The first step of the simulation: how many leads each channel brings in each month, when they arrive, from which
 * campaign, and who they are (people at companies, several per company).
 */
final class LeadArrivals {

    private final RandomStreams streams;

    LeadArrivals(RandomStreams streams) {
        this.streams = streams;
    }

    void simulate(DemoWorld world) {
        int[] eventDay = planEvents(world.period);
        createLeads(world, eventDay);
        assignPeople(world);
    }

    /** The first day of each month's trade show: a Tuesday in the middle of the month. */
    private int[] planEvents(DemoPeriod period) {
        Random r = streams.open(Concern.EVENT_DATES);
        int[] eventDay = new int[DemoPeriod.MONTHS];
        for (int m = 0; m < DemoPeriod.MONTHS; m++) {
            LocalDate day = period.firstMonth().plusMonths(m).atDay(6 + r.nextInt(14));
            while (day.getDayOfWeek() != DayOfWeek.TUESDAY) {
                day = day.plusDays(1);
            }
            eventDay[m] = day.getDayOfMonth();
        }
        return eventDay;
    }

    private void createLeads(DemoWorld world, int[] eventDay) {
        DemoCatalog catalog = world.catalog;
        Random r = streams.open(Concern.LEADS);
        Channel[] channels = Channel.values();
        int seq = 0;
        for (int m = 0; m < DemoPeriod.MONTHS; m++) {
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
            YearMonth ym = world.period.firstMonth().plusMonths(m);
            for (Channel ch : channels) {
                for (int k = 0; k < counts[ch.ordinal()]; k++) {
                    Campaign campaign = catalog.pick(ch, m, r);
                    String dd1 = campaign.drillDown1() != null ? campaign.drillDown1()
                            : (r.nextDouble() < 0.85 ? "google" : "bing");
                    ZonedDateTime at = ch == Channel.TRADE_SHOW && catalog.isTradeShowEventMonth(m)
                            ? eventMoment(world.period, ym, eventDay[m], r) : randomMoment(world.period, ym, r);
                    world.leads.add(new Lead(seq++, ch, campaign, dd1, m, at));
                }
            }
        }
    }

    /** Mostly office hours on working days. */
    private static ZonedDateTime randomMoment(DemoPeriod period, YearMonth ym, Random r) {
        LocalDate day;
        do {
            day = ym.atDay(1 + r.nextInt(ym.lengthOfMonth()));
        } while (DemoPeriod.isWeekend(day) && r.nextDouble() > 0.3);
        int hour = r.nextDouble() < 0.8 ? 8 + r.nextInt(10) : r.nextInt(24);
        return LocalDateTime.of(day, LocalTime.of(hour, r.nextInt(60), r.nextInt(60))).atZone(period.zone());
    }

    /** Badge scans: the three days of the show, during opening hours. */
    private static ZonedDateTime eventMoment(DemoPeriod period, YearMonth ym, int firstDay, Random r) {
        LocalDate day = ym.atDay(firstDay).plusDays(r.nextInt(3));
        return LocalDateTime.of(day, LocalTime.of(9 + r.nextInt(9), r.nextInt(60), r.nextInt(60))).atZone(period.zone());
    }

    /** Companies of one to six people, so accounts have several leads as in a real CRM. */
    private void assignPeople(DemoWorld world) {
        Random r = streams.open(Concern.PEOPLE);
        List<Lead> leads = world.leads;
        List<Company> slots = new ArrayList<>();
        while (slots.size() < leads.size()) {
            Company company = world.people.newCompany(r);
            double u = r.nextDouble();
            int size = u < 0.12 ? 1 : u < 0.42 ? 2 : u < 0.70 ? 3 : u < 0.88 ? 4 : u < 0.96 ? 5 : 6;
            for (int i = 0; i < size; i++) {
                slots.add(company);
            }
        }
        Collections.shuffle(slots, r);
        for (int i = 0; i < leads.size(); i++) {
            leads.get(i).person = world.people.newPerson(slots.get(i), r);
        }
    }
}
