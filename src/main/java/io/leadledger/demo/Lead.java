package io.leadledger.demo;

import java.time.LocalDate;
import java.time.ZonedDateTime;

import io.leadledger.demo.DemoCatalog.Campaign;
import io.leadledger.demo.DemoCatalog.Channel;
import io.leadledger.demo.DemoPeople.Person;

/**
 * One person entering the funnel (a HubSpot contact, a Marketo lead, or both). Mutable: the simulation fills it in
 * step by step (people, funnel, ids, deals), then the dirtying sets the overrides of the exported values.
 */
final class Lead {

    enum Outcome { NOT_HANDED, UNTOUCHED, IN_PROGRESS, ACCEPTED, REJECTED }

    final int seq;
    final Channel channel;
    final Campaign campaign;
    final String drillDown1;
    final int month;
    final ZonedDateTime firstTouch;
    Person person;
    boolean inHubspot;
    boolean inMarketo;
    ZonedDateTime hubspotCreated;
    ZonedDateTime marketoCreated;
    ZonedDateTime mql;
    ZonedDateTime engaged;
    ZonedDateTime sql;
    LocalDate dealCreated;
    Outcome outcome = Outcome.NOT_HANDED;
    String lifecycle = "";
    String leadStatus = "";
    String rejectionReason = "";
    String owner = "";
    String marketoStatus = "";
    String marketoEmail;
    long hubspotId;
    long marketoId;
    boolean hasDeal;

    // set by the dirtying; null / false = the export shows the clean value
    boolean special;
    boolean duplicate;
    String dirtyCreateDate;
    String dirtyEmail;
    boolean dirtyMissingId;
    String dirtyMarketoEmail;
    String dirtyMarketoCreated;

    Lead(int seq, Channel channel, Campaign campaign, String drillDown1, int month, ZonedDateTime firstTouch) {
        this.seq = seq;
        this.channel = channel;
        this.campaign = campaign;
        this.drillDown1 = drillDown1;
        this.month = month;
        this.firstTouch = firstTouch;
    }
}
