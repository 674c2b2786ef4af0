package io.leadledger.reconcile.attribution;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A deal and the touches that count for it: its lead's touches on or before the deal's close date
 * (a date, so the whole close day counts), in time order, with the milestone touches located.
 */
public final class DealPath {

    private final Deal deal;
    private final List<Touch> touches;
    private final Map<Milestone, Integer> milestones = new EnumMap<>(Milestone.class);

    private DealPath(Deal deal, List<Touch> touches) {
        this.deal = deal;
        this.touches = touches;
        milestones.put(Milestone.FIRST_TOUCH, 0);
        milestones.put(Milestone.LEAD_CREATION, leadCreation(touches));
        milestones.put(Milestone.OPPORTUNITY_CREATION, opportunityCreation(deal, touches));
        milestones.put(Milestone.CLOSED_WON, touches.size() - 1);
    }

    /**
     * @param leadTouches all touches of the deal's lead, in time order, at least one
     */
    public static DealPath of(Deal deal, List<Touch> leadTouches) {
        int n = 0;
        while (n < leadTouches.size() && !leadTouches.get(n).at().toLocalDate().isAfter(deal.closeDate())) {
            n++;
        }
        // only an open deal whose expected close precedes the lead can get here: it goes to the first touch
        // (a closed one would be flagged inconsistent and never reach attribution)
        return new DealPath(deal, List.copyOf(leadTouches.subList(0, Math.max(n, 1))));
    }

    private static int leadCreation(List<Touch> touches) {
        for (int i = 0; i < touches.size(); i++) {
            if (touches.get(i).leadRecord()) {
                return i;
            }
        }
        return 0;
    }

    /** The last touch at or before the opportunity's creation (its close date when the CRM gives no creation time). */
    private static int opportunityCreation(Deal deal, List<Touch> touches) {
        int last = 0; // an opportunity created before any touch: the first touch
        for (int i = 0; i < touches.size(); i++) {
            Touch t = touches.get(i);
            boolean before = deal.createdAt() != null ? !t.at().isAfter(deal.createdAt())
                    : !t.at().toLocalDate().isAfter(deal.closeDate());
            if (before) {
                last = i;
            }
        }
        return last;
    }

    public Deal deal() {
        return deal;
    }

    public List<Touch> touches() {
        return touches;
    }

    public int size() {
        return touches.size();
    }

    /** The position of a milestone touch in {@link #touches()}; several milestones may share one touch. */
    public int index(Milestone m) {
        return milestones.get(m);
    }

    public LocalDate closeDate() {
        return deal.closeDate();
    }
}
