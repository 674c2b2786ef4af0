/**
 * The demo data set: what a B2B company would export from HubSpot, Marketo (leads and activities), Salesforce
 * (opportunities and campaign members), Google Ads, its budget spreadsheet and the ECB, generated from a seed in
 * three stages so each can change without touching the others.
 * <ol>
 *   <li>Simulation, clean data into a {@link io.leadledger.demo.DemoWorld}: {@code LeadArrivals} (volumes, times,
 *       people), {@code FunnelSimulation}, {@code LeadIds}, {@code DealSimulation}; the spend and rates from it:
 *       {@code GoogleAdsSimulation}, {@code BudgetSimulation}, {@code EcbRateSimulation}; and after the dirtying,
 *       the campaign touches: {@code CampaignTouchSimulation} (Salesforce campaign responses, Marketo activities).</li>
 *   <li>Dirtying, what real exports contain: {@code DealDefects}, {@code SpecialValues} (quotes, newlines,
 *       non-Latin names, formula-looking text), {@code LeadDefects} (bad rows, repeated rows), {@code SpendDefects}.</li>
 *   <li>One writer per file, which only lays out: {@code HubspotContactsWriter}, {@code MarketoLeadsWriter},
 *       {@code SalesforceOpportunitiesWriter}, {@code GoogleAdsCampaignsWriter}, {@code MarketingBudgetWriter},
 *       {@code EcbRatesWriter}, {@code CampaignMembersWriter}, {@code MarketoActivitiesWriter}.</li>
 * </ol>
 * Every concern draws from its own numbered stream ({@code RandomStreams}); a stage that adds draws to a stream
 * changes the files from that point on, so keep the order of draws when refactoring and compare the files with cmp.
 */
package io.leadledger.demo;
