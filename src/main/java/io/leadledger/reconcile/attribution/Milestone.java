package io.leadledger.reconcile.attribution;

/** The touches that position-based models weight specially. */
public enum Milestone {
    /** The earliest touch. */
    FIRST_TOUCH,
    /** The earliest touch that is a lead record: the lead exists from it on. */
    LEAD_CREATION,
    /** The last touch at or before the opportunity was created. */
    OPPORTUNITY_CREATION,
    /** The last touch at or before the close. */
    CLOSED_WON
}
