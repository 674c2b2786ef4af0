package io.leadledger.extract;

import io.leadledger.jobs.BuiltInProfiles;
import io.leadledger.jobs.SourceDefinition;
import io.leadledger.jobs.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each built-in profile reads a sample shaped like the vendor's export. (hubspot-contacts, marketo-leads,
 * salesforce-opportunities, google-ads-campaigns and budget-xlsx are also read end to end by
 * DemoPipelineTest on the generated demo exports.)
 */
class BuiltInProfilesTest {

    @TempDir
    Path dir;

    List<ParsedRow> read(String profile, String fileName, String content) throws Exception {
        Path file = dir.resolve(fileName);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        var mapping = Workspace.builtInProfile(profile);
        SourceDefinition def = new SourceDefinition(profile, mapping.kind(), file.toString(), mapping);
        RowParser parser = RecordSources.parser(def, ZoneId.of("Europe/Berlin"));
        List<ParsedRow> rows = new ArrayList<>();
        try (RecordSource src = RecordSources.open(def, file)) {
            for (RawRecord r = src.next(); r != null; r = src.next()) {
                try {
                    rows.add(parser.parse(r));
                } catch (RowRejectedException e) {
                    rows.add(ParsedRow.rejected(r, e));
                }
            }
        }
        return rows;
    }

    @Test
    void everyBuiltInProfileLoads() {
        for (String name : BuiltInProfiles.NAMES) {
            var p = Workspace.builtInProfile(name);
            assertThat(p.kind()).as(name).isNotNull();
            assertThat(p.columnsOrEmpty()).as(name).isNotEmpty();
        }
    }

    @Test
    void hubspotDeals() throws Exception {
        List<ParsedRow> rows = read("hubspot-deals", "deals.csv", """
                Record ID,Deal Name,Deal Stage,Amount,Currency,Close Date,Create Date,Deal owner,Closed Lost Reason,Associated Contact IDs
                9001,Acme renewal,Closed Won,12000,EUR,2026-10-03 14:00,2026-08-01 09:30,Ava Patel,,51123;51124
                9002,Beta new logo,Closed Lost,"8,500.50",USD,2026-10-05 10:00,2026-07-02 11:00,Ava Patel,Price,51200
                9003,Gamma pilot,Contract Sent,3000,USD,2026-12-15 00:00,2026-10-20 08:00,Liam O'Connor,,
                """);
        Deal won = (Deal) rows.get(0).value();
        assertEquals("9001", won.recordId());
        assertTrue(won.won() && won.closed());
        assertEquals(new BigDecimal("12000.00"), won.amount());
        assertEquals("EUR", won.currency());
        assertEquals(LocalDate.of(2026, 10, 3), won.closeDate());
        assertEquals("51123", won.leadRef(), "first of the associated contact ids");
        Deal lost = (Deal) rows.get(1).value();
        assertTrue(lost.closed() && !lost.won());
        assertEquals(new BigDecimal("8500.50"), lost.amount());
        assertEquals("Price", lost.lossReason());
        Deal open = (Deal) rows.get(2).value();
        assertTrue(!open.closed() && !open.won());
        assertNull(open.leadRef());
    }

    @Test
    void salesforceLeadsReportWithFooter() throws Exception {
        List<ParsedRow> rows = read("salesforce-leads", "leads.csv", """
                "Lead ID","First Name","Last Name","Email","Company / Account","Create Date","Lead Source","Primary Campaign Source","Lead Status","Lead Owner","Unqualified Reason","Deleted"
                "00Q5g00000AbCdE","Olivia","Martin","Olivia.Martin@BrightLayer.io","BrightLayer","10/2/2026 9:15 AM","Web","Webinar: Pipeline 101","Working - Contacted","Dana Whitfield","","0"
                "00Q5g00000AbCdF","José","Núñez","jose@example.org","Example SL","10/3/2026","Trade Show","DMEXCO 2026 booth","Unqualified","Dana Whitfield","No budget","0"

                "Northwind Analytics"
                "Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."
                """);
        assertThat(rows).hasSize(2);
        Lead l = (Lead) rows.get(0).value();
        assertEquals("olivia.martin@brightlayer.io", l.emailNorm());
        assertEquals(LocalDateTime.of(2026, 10, 2, 9, 15), l.createdAt());
        assertEquals("Webinar: Pipeline 101", l.campaign());
        assertTrue(!l.rejected());
        Lead rejected = (Lead) rows.get(1).value();
        assertTrue(rejected.rejected());
        assertEquals("No budget", rejected.rejectionReason());
        assertEquals(LocalDateTime.of(2026, 10, 3, 0, 0), rejected.createdAt());
    }

    @Test
    void hubspotContactsCarryTheIdsMergedIntoThem() throws Exception {
        List<ParsedRow> rows = read("hubspot-contacts", "contacts.csv", """
                Record ID,Email,Create Date,Merged Contact IDs
                501,bob@beta.com,2026-02-01 09:00,"401;402; 403;401"
                502,cy@gamma.com,2026-02-02 09:00,
                """);
        assertEquals("401;402;403", ((Lead) rows.get(0).value()).mergedIds(), "split, trimmed, each once");
        assertNull(((Lead) rows.get(1).value()).mergedIds());
        // the internal property name, as an API or a property export writes the header
        List<ParsedRow> api = read("hubspot-contacts", "api.csv", """
                Record ID,Email,Create Date,hs_merged_object_ids
                503,dan@delta.com,2026-02-03 09:00,77
                """);
        assertEquals("77", ((Lead) api.get(0).value()).mergedIds());
    }

    @Test
    void salesforceDeletedRecordsUnderEitherHeader() throws Exception {
        List<ParsedRow> report = read("salesforce-opportunities", "opps.csv", """
                "Opportunity ID","Opportunity Name","Account Name","Stage","Amount","Opportunity Currency","Close Date","Deleted","Website"
                "0061","Acme","Acme","Closed Won","1000","USD","10/3/2026","1","https://www.Acme.com/en/"
                "0062","Beta","Beta","Closed Won","1000","USD","10/3/2026","0","beta.io"
                """);
        assertTrue(((Deal) report.get(0).value()).deleted());
        assertEquals("acme.com", ((Deal) report.get(0).value()).accountDomain(), "scheme, www. and path stripped");
        assertTrue(!((Deal) report.get(1).value()).deleted());
        List<ParsedRow> dataLoader = read("salesforce-opportunities", "dataloader.csv", """
                "Opportunity ID","Opportunity Name","Stage","Amount","Opportunity Currency","Close Date","IsDeleted"
                "0063","Gamma","Closed Lost","500","EUR","10/4/2026","true"
                """);
        assertTrue(((Deal) dataLoader.get(0).value()).deleted());
        List<ParsedRow> leads = read("salesforce-leads", "leads.csv", """
                "Lead ID","Email","Create Date","IsDeleted"
                "00Q1","a@b.com","10/2/2026","true"
                """);
        assertTrue(((Lead) leads.get(0).value()).deleted());
    }

    @Test
    void pipedriveDealsCloseOnWonTimeElseExpectedDate() throws Exception {
        List<ParsedRow> rows = read("pipedrive-deals", "pipedrive.csv", """
                Deal - ID,Deal - Title,Deal - Organization,Deal - Value,Deal - Currency,Deal - Status,Deal - Deal created,Deal - Deal closed on,Deal - Expected close date,Deal - Owner,Deal - Lost reason,Person - Email
                101,Acme deal,Acme,15000,EUR,Won,2026-08-01 10:00:00,2026-10-12 16:30:00,2026-10-31,Ava,,buyer@acme.example
                102,Beta deal,Beta,4000,GBP,Open,2026-09-01 10:00:00,,2026-12-01,Ava,,cto@beta.example
                """);
        Deal won = (Deal) rows.get(0).value();
        assertTrue(won.won());
        assertEquals(LocalDate.of(2026, 10, 12), won.closeDate());
        assertEquals("buyer@acme.example", won.emailNorm());
        Deal open = (Deal) rows.get(1).value();
        assertTrue(!open.closed());
        assertEquals(LocalDate.of(2026, 12, 1), open.closeDate(), "an open deal closes on its expected date");
        assertEquals("GBP", open.currency());
    }

    @Test
    void linkedinCampaignPerformanceFindsItsHeaderBelowTheReportInfo() throws Exception {
        List<ParsedRow> rows = read("linkedin-ads-campaigns", "linkedin.csv", """
                Campaign Performance Report (in UTC)
                Report Start: 10/1/2026
                Report End: 10/31/2026
                Date Generated: 11/1/2026 6:12 AM
                Account Name: Northwind Analytics
                "Start Date (in UTC)","Account Name","Campaign Group Name","Campaign Name","Campaign ID","Currency","Total Spent","Impressions","Clicks"
                "10/1/2026","Northwind Analytics","Q4 Demand","LI - CFO Persona - Q4","612345678","EUR","412.35","10,240","88"
                "10/2/2026","Northwind Analytics","Q4 Demand","LI - CFO Persona - Q4","612345678","EUR","398.10","9,950","71"
                """);
        assertThat(rows).hasSize(2);
        Spend s = (Spend) rows.get(0).value();
        assertEquals(LocalDate.of(2026, 10, 1), s.date());
        assertEquals("LinkedIn Ads", s.channel());
        assertEquals("LI - CFO Persona - Q4", s.campaign());
        assertEquals(new BigDecimal("412.35"), s.amount());
        assertEquals("EUR", s.currency());
    }

    @Test
    void metaAdsAmountHeaderCarriesTheCurrency() throws Exception {
        List<ParsedRow> rows = read("meta-ads-campaigns", "meta.csv", """
                Reporting starts,Reporting ends,Campaign name,Day,Amount spent (EUR),Currency,Impressions,Link clicks
                2026-10-01,2026-10-31,Retargeting - Demo,2026-10-01,120.55,EUR,5300,61
                2026-10-01,2026-10-31,Prospecting - Lookalike,2026-10-01,80,EUR,4100,33
                """);
        Spend s = (Spend) rows.get(0).value();
        assertEquals(new BigDecimal("120.55"), s.amount());
        assertEquals("Paid social", s.channel());
        assertEquals("Retargeting - Demo", s.campaign());
        assertEquals(LocalDate.of(2026, 10, 1), s.date());
    }

    @Test
    void salesforceCampaignMembersReport() throws Exception {
        // a "Campaigns with Campaign Members" report as Salesforce exports it (Details Only, CSV, US locale), footer included
        List<ParsedRow> rows = read("salesforce-campaign-members", "members.csv", """
                "Campaign Name","Type","Member Status","Responded","First Responded Date","Created Date","Lead ID","Contact ID","Email","Lead Source"
                "Webinar: Pipeline 101","Webinar","Attended","1","10/2/2026","9/28/2026 4:05 PM","00Q5g00000AbCdE","","Olivia.Martin@BrightLayer.io","Web"
                "Nurture: ROI Playbook","Email","Sent","0","","10/1/2026 8:00 AM","","0035g00000XyZ12","jose@example.org",""
                "Event: Summit Booth","Trade Show","Visited Booth","1","10/9/2026","10/9/2026 11:00 AM","","","",""

                "Northwind Analytics"
                "Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."
                """);
        assertThat(rows).as("the footer is not data").hasSize(3);
        CampaignTouch responded = (CampaignTouch) rows.get(0).value();
        assertEquals(LocalDateTime.of(2026, 10, 2, 0, 0), responded.at(), "at its first response");
        assertEquals("00Q5g00000AbCdE", responded.personId());
        assertEquals("olivia.martin@brightlayer.io", responded.emailNorm());
        assertEquals("Webinar", responded.source());
        assertEquals("Web", responded.sourceDetail());
        assertEquals("Webinar: Pipeline 101", responded.campaign());
        assertEquals("Attended", responded.type());
        CampaignTouch added = (CampaignTouch) rows.get(1).value();
        assertEquals(LocalDateTime.of(2026, 10, 1, 8, 0), added.at(), "no response: when the person was added");
        assertEquals("0035g00000XyZ12", added.personId(), "a contact's id when the lead id is empty");
        assertThat(added.recordId()).as("the report has no id of the membership: derived").hasSize(40);
        assertTrue(rows.get(2).isRejected(), "neither id nor e-mail");
        assertThat(rows.get(2).rejection().field()).isEqualTo("Email / Lead ID | Contact ID | Lead/Contact ID");
        assertEquals("salesforce-leads", Workspace.builtInProfile("salesforce-campaign-members").leadRefProfile());
    }

    @Test
    void marketoActivitiesAsTheBulkExtractOrTheActivityLogWritesThem() throws Exception {
        // the REST Bulk Activity Extract file: API names, ISO times in UTC, the type as its id
        List<ParsedRow> bulk = read("marketo-activities", "bulk.csv", """
                marketoGUID,leadId,activityDate,activityTypeId,campaignId,primaryAttributeValueId,primaryAttributeValue,attributes
                0f8c1f42-1e16-4c62-a1a2-6d0a3b5e6c01,1017,2026-10-05T14:04:40Z,2,3217,412,Webinar Registration Form,"{""Webpage ID"":1001}"
                0f8c1f42-1e16-4c62-a1a2-6d0a3b5e6c02,1017,2026-10-07T09:00:00Z,11,3301,88,Newsletter October,
                """);
        CampaignTouch form = (CampaignTouch) bulk.get(0).value();
        assertEquals("0f8c1f42-1e16-4c62-a1a2-6d0a3b5e6c01", form.recordId());
        assertEquals("1017", form.personId());
        assertNull(form.emailNorm());
        assertEquals(LocalDateTime.of(2026, 10, 5, 16, 4, 40), form.at(), "UTC converted to the tenant's zone (Berlin)");
        assertEquals("2", form.source());
        assertEquals("Webinar Registration Form", form.campaign());
        // an activity log with display names
        List<ParsedRow> log = read("marketo-activities", "log.csv", """
                Activity ID,Lead ID,Email Address,Activity Date,Activity Type,Primary Attribute Value
                5501,1017,ann@alpha.com,2026-10-05 14:04:40,Fill Out Form,Webinar Registration Form
                5502,,bob@beta.com,2026-10-06 10:00:00,Click Email,Newsletter October
                """);
        CampaignTouch fill = (CampaignTouch) log.get(0).value();
        assertEquals("5501", fill.recordId());
        assertEquals("Fill Out Form", fill.source());
        assertEquals("Fill Out Form", fill.type());
        assertEquals(LocalDateTime.of(2026, 10, 5, 14, 4, 40), fill.at());
        CampaignTouch click = (CampaignTouch) log.get(1).value();
        assertNull(click.personId());
        assertEquals("bob@beta.com", click.emailNorm());
        assertEquals("marketo-leads", Workspace.builtInProfile("marketo-activities").leadRefProfile());
    }

    @Test
    void aFileMissingRequiredColumnsListsFoundAndExpected() throws Exception {
        Path file = dir.resolve("wrong.csv");
        Files.writeString(file, "Name,Value\nx,1\n");
        var mapping = Workspace.builtInProfile("hubspot-deals");
        SourceDefinition def = new SourceDefinition("crm", mapping.kind(), file.toString(), mapping);
        var e = org.junit.jupiter.api.Assertions.assertThrows(SourceFormatException.class, () -> RecordSources.open(def, file));
        assertThat(e.getMessage()).contains("wrong.csv", "missing required columns", "id -> \"Record ID\"",
                "columns found: [Name, Value]");
    }
}
