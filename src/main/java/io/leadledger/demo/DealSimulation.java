package io.leadledger.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import io.leadledger.demo.DemoCatalog.Channel;
import io.leadledger.demo.DemoPeople.Company;
import io.leadledger.demo.Deal.Link;

/**
 * The Salesforce opportunities: one per lead that got one, a few for Marketo-only people met at a booth, and outbound
 * deals with no lead behind them; amounts, sales cycles, outcomes, ids, and the lead's lifecycle they imply.
 */
final class DealSimulation {

    private static final List<String> LOSS_REASONS = List.of("Price", "Competitor", "No decision", "Timing",
            "Missing feature");
    private static final double[] LOSS_WEIGHTS = {0.25, 0.25, 0.25, 0.15, 0.10};
    private static final List<String> OPEN_STAGES = List.of("Prospecting", "Qualification", "Needs Analysis",
            "Proposal/Price Quote", "Negotiation/Review");

    /**
     * @param r the deals' stream; the caller hands the same stream on to {@link DealDefects} afterwards, so the
     *          dirty rows fall where they always did
     */
    void simulate(DemoWorld world, Random r) {
        List<Deal> deals = world.deals;
        LocalDate startDate = world.period.startDate();
        LocalDate endDate = world.period.endDate();
        int seq = 0;
        for (Lead l : world.leads) {
            if (l.dealCreated == null) {
                continue;
            }
            Deal d = newDeal(seq++, l.channel, l.person.company, l.dealCreated, l.owner, endDate, r);
            d.lead = l;
            l.hasDeal = true;
            if (r.nextDouble() < 2.0 / 3.0) {
                d.link = Link.CONTACT_ID;
                d.email = r.nextDouble() < 0.85 ? EmailVariants.maybeVariant(l.person.email, r) : "";
            } else {
                d.link = Link.EMAIL_ONLY;
                d.email = EmailVariants.maybeVariant(l.person.email, r);
            }
            deals.add(d);
        }
        int leadDeals = deals.size();

        // deals with a Marketo-only person (met at the booth, never synced to HubSpot)
        List<Lead> candidates = new ArrayList<>();
        for (Lead l : world.leads) {
            if (l.inMarketo && !l.inHubspot && l.firstTouch.plusDays(20).isBefore(world.period.end())) {
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
            Company company = l.person.company;
            Deal d = newDeal(seq++, l.channel, company, created, SalesTeam.salesOwner(company.region, r), endDate, r);
            d.lead = l;
            l.hasDeal = true;
            d.link = Link.MARKETO_EMAIL;
            d.email = EmailVariants.maybeVariant(l.person.email, r);
            deals.add(d);
        }

        // outbound deals: no lead behind them, nothing to match
        int outbound = (int) Math.round(leadDeals * 7.0 / 90.0);
        long days = ChronoUnit.DAYS.between(startDate, endDate) + 1;
        for (int i = 0; i < outbound; i++) {
            Company company = world.people.newCompany(r);
            LocalDate created;
            do {
                created = startDate.plusDays(r.nextInt((int) days));
            } while (DemoPeriod.isWeekend(created));
            Deal d = newDeal(seq++, null, company, created, SalesTeam.salesOwner(company.region, r), endDate, r);
            d.link = Link.NONE;
            d.leadSource = r.nextDouble() < 0.8 ? "Outbound" : "";
            deals.add(d);
        }

        deals.sort(Comparator.comparing((Deal d) -> d.created).thenComparingInt(d -> d.seq));
        assignOpportunityIds(deals, r);
        updateLifecycles(deals);
    }

    private static Deal newDeal(int seq, Channel channel, Company company, LocalDate created, String owner,
                                LocalDate endDate, Random r) {
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
                d.lossReason = Draws.weighted(LOSS_REASONS, LOSS_WEIGHTS, r);
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

    /** Opportunity ids ("006" key prefix) increasing in creation order, as Salesforce hands them out. */
    private static void assignOpportunityIds(List<Deal> deals, Random r) {
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

    /** HubSpot's lifecycle follows the deal synced back from Salesforce. */
    private static void updateLifecycles(List<Deal> deals) {
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
}
