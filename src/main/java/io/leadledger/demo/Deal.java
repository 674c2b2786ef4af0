package io.leadledger.demo;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One Salesforce opportunity. Mutable like {@link Lead}: simulated first, then dirtied. */
final class Deal {

    /** How the opportunity can be traced back to its lead, the way the importers must match it. */
    enum Link { CONTACT_ID, EMAIL_ONLY, NONE, MARKETO_EMAIL }

    final int seq;
    Lead lead; // null for outbound deals
    Link link;
    String id;
    String name;
    String account;
    BigDecimal amount;
    String currency;
    LocalDate created;
    LocalDate close;
    String stage;
    boolean won;
    boolean closed;
    String lossReason = "";
    String leadSource;
    String owner;
    String email = "";

    // set by the dirtying; null / false = the export shows the clean value
    boolean inconsistent;
    String dirtyAmount;
    String dirtyCurrency;
    String dirtyClose;

    Deal(int seq) {
        this.seq = seq;
    }
}
