package io.leadledger.report.figures;

import java.time.YearMonth;
import java.util.List;

/**
 * Which inputs the tenant's exports supplied, by source and month (counted in staging: a column that is absent or
 * always empty has no value on any row), and the verdicts the reports follow: a figure whose input was not
 * supplied in the 12 months ending the report month is not shown, and is said to be missing, never printed as 0.
 *
 * @param dataBegins first month with any lead, deal or spend row; comparisons with earlier months are left out
 *                   (null: no data at all)
 * @param counts     rows and rows with a value, per source, month and input (months of the 12-month window)
 */
public record DataCoverage(YearMonth dataBegins, List<Count> counts, boolean spend, boolean handoff, boolean status,
                           boolean firstTouch, boolean amounts, boolean dealOwner, boolean touches) {

    /** Everything supplied: what the reports assumed before they could tell (and what a full data set gives). */
    public static final DataCoverage FULL = new DataCoverage(null, List.of(), true, true, true, true, true, true, true);

    public enum Input {
        SPEND("Spend", "spend", "cost per lead, ROI, ROAS, CAC, the grow and cut insights"),
        HANDOFF("Hand-off date", "leads", "hand-over cohorts: handed, accepted, won per handed lead (sales performance)"),
        STATUS("Acceptance / rejection status", "leads", "accepted, rejected, acceptance rate, rejection reasons"),
        FIRST_TOUCH("First sales activity", "leads", "never touched, speed-to-lead"),
        AMOUNTS("Deal amounts (non-zero)", "deals", "revenue, pipeline, ROI, revenue per lead"),
        DEAL_OWNER("Deal owner", "deals", "won and lost deals by the rep who worked them"),
        // a touch counts when it found its lead: one of no lead is kept but credits nothing
        TOUCHES("Campaign touches of a lead", "touches",
                "the touches between first touch and the deal in the multi-touch models (U-, W-shaped, full path)");

        public final String label;
        public final String kind;
        public final String unlocks;

        Input(String label, String kind, String unlocks) {
            this.label = label;
            this.kind = kind;
            this.unlocks = unlocks;
        }
    }

    /** One source's rows of one month, and how many of them carry the input. */
    public record Count(String source, YearMonth month, Input input, long rows, long withValue) {
    }

    public boolean supplied(Input input) {
        return switch (input) {
            case SPEND -> spend;
            case HANDOFF -> handoff;
            case STATUS -> status;
            case FIRST_TOUCH -> firstTouch;
            case AMOUNTS -> amounts;
            case DEAL_OWNER -> dealOwner;
            case TOUCHES -> touches;
        };
    }

    /** Whether a month holds data to compare with: not before the data begins. */
    public boolean comparable(YearMonth month) {
        return dataBegins == null || !month.isBefore(dataBegins);
    }

    /** The inputs not supplied, in the order of {@link Input}. */
    public List<Input> missing() {
        return java.util.Arrays.stream(Input.values()).filter(i -> !supplied(i)).toList();
    }
}
