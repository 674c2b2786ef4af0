package io.leadledger.demo;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;

import io.leadledger.demo.DemoCatalog.Channel;
import io.leadledger.demo.Lead.Outcome;
import io.leadledger.demo.RandomStreams.Concern;

/**
 * Each lead's way through the funnel: which system captures it (events go to Marketo first and sync to HubSpot),
 * whether it becomes an MQL, how fast sales reacts, accepted or rejected (and why), and whether an opportunity is
 * opened. Nothing happens after the export moment, so the last days show a backlog.
 */
final class FunnelSimulation {

    private static final List<String> REJECTION_REASONS = List.of("No budget", "Not ICP", "Competitor", "Student",
            "Duplicate", "Bad contact data", "No project");
    private static final double[] REJECTION_WEIGHTS = {0.18, 0.25, 0.07, 0.05, 0.10, 0.15, 0.20};
    private static final double[] REJECTION_WEIGHTS_SYNDICATION = {0.10, 0.36, 0.04, 0.09, 0.08, 0.25, 0.08};
    private static final double[] REJECTION_WEIGHTS_WARM = {0.32, 0.10, 0.08, 0.01, 0.05, 0.04, 0.40};
    private static final List<String> WORKING_STATUSES = List.of("Attempted to Contact", "Attempted to Contact",
            "Connected", "In Progress");

    private final RandomStreams streams;

    FunnelSimulation(RandomStreams streams) {
        this.streams = streams;
    }

    void simulate(DemoWorld world) {
        Random r = streams.open(Concern.FUNNEL);
        DemoPeriod period = world.period;
        for (Lead lead : world.leads) {
            funnel(lead, period.start(), period.end(), period.endDate(), r);
        }
    }

    private static void funnel(Lead l, ZonedDateTime start, ZonedDateTime end, LocalDate endDate, Random r) {
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
            l.marketoStatus = marketoStatus(l, end, r);
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
            l.owner = r.nextDouble() < 0.7 ? DemoPeople.pick(SalesTeam.MARKETING_OPS, r) : "";
            return;
        }

        // handed to sales
        l.lifecycle = "Marketing Qualified Lead";
        l.owner = SalesTeam.salesOwner(l.person.company.region, r);
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
            l.leadStatus = DemoPeople.pick(WORKING_STATUSES, r);
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
            l.rejectionReason = Draws.weighted(REJECTION_REASONS, weights, r);
            boolean timing = l.rejectionReason.equals("No budget") || l.rejectionReason.equals("No project");
            l.leadStatus = timing && r.nextDouble() < 0.6 ? "Bad Timing" : "Unqualified";
        }
    }

    private static String marketoStatus(Lead l, ZonedDateTime end, Random r) {
        if (l.inHubspot) {
            return l.mql != null ? "MQL" : "Nurture";
        }
        if (ChronoUnit.DAYS.between(l.marketoCreated, end) < 14) {
            return "New";
        }
        double u = r.nextDouble();
        return u < 0.15 ? "Disqualified" : u < 0.27 ? "New" : "Nurture";
    }

    private static long mqlDelaySeconds(Random r) {
        double u = r.nextDouble();
        if (u < 0.45) {
            return r.nextInt(120); // "Contact sales" form: MQL on submission
        } else if (u < 0.80) {
            return 600 + (long) (r.nextDouble() * 2 * 86_400); // lead score crosses the threshold
        }
        return 2 * 86_400 + (long) (r.nextDouble() * 12 * 86_400);
    }

    /** Marketo → HubSpot sync: minutes to days, log-normal. */
    private static long syncDelaySeconds(Random r) {
        double s = Math.exp(Math.log(3 * 3600) + 1.2 * r.nextGaussian());
        return (long) Math.max(300, Math.min(5 * 86_400, s));
    }

    private static long speedToLeadSeconds(Random r) {
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

    private static long decisionLagSeconds(boolean accept, Random r) {
        double u = r.nextDouble();
        if (accept) {
            return u < 0.5 ? (long) (r.nextDouble() * 6 * 3600) : 86_400 + (long) (r.nextDouble() * 11 * 86_400);
        }
        return u < 0.6 ? (long) (r.nextDouble() * 2 * 3600) : 86_400 + (long) (r.nextDouble() * 6 * 86_400);
    }

    private static ZonedDateTime max(ZonedDateTime a, ZonedDateTime b) {
        return a.isAfter(b) ? a : b;
    }
}
