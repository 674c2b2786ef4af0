package io.leadledger.demo;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link DemoDataGenerator#generate(Path)} wrote. All counts are data rows as written in the files (header,
 * title and footer lines excluded), so they can be checked against the files directly.
 *
 * @param hubspotContacts   data rows of hubspot-contacts.csv, including dirty rows and exact duplicate rows
 * @param marketoLeads      data rows of marketo-leads.csv, including dirty rows
 * @param overlappingPeople people present in both marketo-leads.csv and hubspot-contacts.csv (same person, the
 *                          e-mail possibly differing in case or surrounding spaces)
 * @param deals             data rows of salesforce-opportunities.csv, including dirty rows
 * @param wonDeals          rows with Won = 1
 * @param spendRows         data rows of google-ads-campaigns.csv plus data rows of the "Budget" sheet
 * @param dirtyRows         rows deliberately made unparseable/invalid across the lead, deal and spend files
 *                          (exact duplicates and the handful of "close before lead" inconsistencies not counted)
 * @param files             the files written, in a fixed order
 */
public record DemoSummary(int hubspotContacts, int marketoLeads, int overlappingPeople, int deals, int wonDeals,
                          int spendRows, int dirtyRows, List<Path> files) {
    public DemoSummary {
        files = List.copyOf(files);
    }
}
