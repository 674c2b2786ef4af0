package io.leadledger.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDataGeneratorTest {

    private static final long SEED = 42;
    private static final YearMonth LAST_MONTH = YearMonth.of(2026, 10);
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final DateTimeFormatter HUBSPOT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter SF_DATE = DateTimeFormatter.ofPattern("M/d/yyyy", Locale.US);

    @TempDir
    static Path tmp;

    static DemoSummary first;
    static DemoSummary second;
    static Path dirA;
    static Path dirB;
    static long secondRunMillis;

    // parsed from the files of the first run
    static List<CSVRecord> hubspot;
    static List<CSVRecord> marketo;
    static List<CSVRecord> salesforce;

    @BeforeAll
    static void generate() throws IOException {
        dirA = tmp.resolve("a");
        dirB = tmp.resolve("b");
        first = new DemoDataGenerator(SEED, LAST_MONTH, ZONE).generate(dirA);
        long t = System.nanoTime();
        second = new DemoDataGenerator(SEED, LAST_MONTH, ZONE).generate(dirB);
        secondRunMillis = (System.nanoTime() - t) / 1_000_000;
        hubspot = records(dirA.resolve(DemoDataGenerator.HUBSPOT_CONTACTS), 0);
        marketo = records(dirA.resolve(DemoDataGenerator.MARKETO_LEADS), 0);
        salesforce = records(dirA.resolve(DemoDataGenerator.SALESFORCE_OPPORTUNITIES), 0).stream()
                .filter(r -> r.size() == SalesforceOpportunitiesWriter.HEADER.size()).toList(); // without the footer
    }

    @Test
    void sameInputsGiveByteIdenticalFiles() throws IOException {
        assertThat(second).isEqualTo(new DemoSummary(first.hubspotContacts(), first.marketoLeads(),
                first.overlappingPeople(), first.deals(), first.wonDeals(), first.spendRows(), first.dirtyRows(),
                second.files()));
        assertThat(first.files()).hasSize(8);
        for (Path a : first.files()) {
            Path b = dirB.resolve(a.getFileName());
            // includes the XLSX: fixed core properties and zip entry times make it byte-stable
            assertThat(Files.readAllBytes(a)).as(a.getFileName().toString()).isEqualTo(Files.readAllBytes(b));
        }
        Path other = tmp.resolve("other-seed");
        new DemoDataGenerator(SEED + 1, LAST_MONTH, ZONE).generate(other);
        assertThat(Files.readAllBytes(other.resolve(DemoDataGenerator.HUBSPOT_CONTACTS)))
                .isNotEqualTo(Files.readAllBytes(dirA.resolve(DemoDataGenerator.HUBSPOT_CONTACTS)));
    }

    @Test
    void generationIsFast() {
        assertThat(secondRunMillis).isLessThan(3_000);
    }

    @Test
    void headersAreExactlyThoseOfTheVendorExports() throws IOException {
        assertThat(firstLines(DemoDataGenerator.HUBSPOT_CONTACTS, 1)).containsExactly(
                "Record ID,First Name,Last Name,Email,Company Name,Create Date,Lifecycle Stage,Lead Status,"
                        + "Original Source,Original Source Drill-Down 1,Original Source Drill-Down 2,"
                        + "Became a Marketing Qualified Lead Date,Became a Sales Qualified Lead Date,"
                        + "Date of first engagement,Rejection Reason,Contact owner");
        assertThat(firstLines(DemoDataGenerator.MARKETO_LEADS, 1)).containsExactly(
                "Id,First Name,Last Name,Email Address,Company Name,Created At,Lead Source,Lead Status,Acquisition Program");
        // Salesforce report exports quote every field
        assertThat(firstLines(DemoDataGenerator.SALESFORCE_OPPORTUNITIES, 1)).containsExactly(
                "\"Opportunity ID\",\"Opportunity Name\",\"Account Name\",\"Stage\",\"Amount\",\"Opportunity Currency\","
                        + "\"Close Date\",\"Created Date\",\"Lead Source\",\"Opportunity Owner\",\"Won\",\"Closed\","
                        + "\"Loss Reason\",\"Contact: Email\",\"HubSpot Contact ID\"");
        assertThat(firstLines(DemoDataGenerator.GOOGLE_ADS_CAMPAIGNS, 3)).containsExactly(
                "Campaign report",
                "\"May 1, 2025 - October 31, 2026\"",
                "Day,Campaign,Campaign type,Currency code,Cost,Impressions,Clicks,Conversions");
        assertThat(firstLines(DemoDataGenerator.ECB_RATES, 1)).containsExactly("Date,USD,JPY,GBP,CHF,");
        for (String name : List.of(DemoDataGenerator.HUBSPOT_CONTACTS, DemoDataGenerator.MARKETO_LEADS,
                DemoDataGenerator.SALESFORCE_OPPORTUNITIES, DemoDataGenerator.GOOGLE_ADS_CAMPAIGNS,
                DemoDataGenerator.ECB_RATES)) {
            String text = Files.readString(dirA.resolve(name), StandardCharsets.UTF_8);
            assertThat(text).as(name + " uses CRLF").contains("\r\n").endsWith("\r\n");
            assertThat(text.charAt(0)).as(name + " has no BOM").isNotEqualTo('\uFEFF');
        }
    }

    @Test
    void campaignTouchesComeBeforeAndAfterTheLeadsSomeOfNoLead() throws IOException {
        Set<String> hubspotMails = new HashSet<>();
        hubspot.forEach(r -> hubspotMails.add(r.get("Email").trim().toLowerCase(Locale.ROOT)));
        marketo.forEach(r -> hubspotMails.add(r.get("Email Address").trim().toLowerCase(Locale.ROOT)));
        List<CSVRecord> members = records(dirA.resolve(DemoDataGenerator.CAMPAIGN_MEMBERS), 0);
        assertThat(members).hasSizeGreaterThan(1000);
        assertThat(members).as("responses of people who never became a lead")
                .anyMatch(r -> r.get("Lead ID").isEmpty() && !hubspotMails.contains(r.get("Email")));
        List<CSVRecord> activities = records(dirA.resolve(DemoDataGenerator.MARKETO_ACTIVITIES), 0);
        assertThat(firstLines(DemoDataGenerator.MARKETO_ACTIVITIES, 1)).containsExactly(
                "Activity ID,Lead ID,Email Address,Activity Date,Activity Type,Primary Attribute Value");
        Map<String, Instant> marketoCreated = new HashMap<>();
        marketo.forEach(r -> {
            try {
                marketoCreated.put(r.get("Id"), Instant.parse(r.get("Created At")));
            } catch (RuntimeException dirty) {
                // a dirtied row: its activities find no lead
            }
        });
        assertThat(activities).hasSizeGreaterThan(500);
        assertThat(activities).as("most rows carry only the lead id").filteredOn(r -> r.get("Email Address").isEmpty())
                .hasSizeGreaterThan(activities.size() / 2);
        assertThat(activities).as("some carry the address too").anyMatch(r -> !r.get("Email Address").isEmpty());
        assertThat(activities).as("visits before the lead existed").anyMatch(r -> marketoCreated.containsKey(r.get("Lead ID"))
                && Instant.parse(r.get("Activity Date")).isBefore(marketoCreated.get(r.get("Lead ID"))));
        assertThat(activities).as("clicks after").anyMatch(r -> marketoCreated.containsKey(r.get("Lead ID"))
                && Instant.parse(r.get("Activity Date")).isAfter(marketoCreated.get(r.get("Lead ID"))));
        assertThat(activities).as("a lead deleted since").anyMatch(r -> !marketoCreated.containsKey(r.get("Lead ID")));
        List<Long> ids = activities.stream().map(r -> Long.parseLong(r.get("Activity ID"))).toList();
        assertThat(ids).as("numbered as they happened").isSorted().doesNotHaveDuplicates();
    }

    @Test
    void hubspotRowsLookLikeARealExport() throws IOException {
        Set<String> lifecycle = Set.of("Subscriber", "Lead", "Marketing Qualified Lead", "Sales Qualified Lead",
                "Opportunity", "Customer");
        Set<String> statuses = Set.of("", "New", "Open", "In Progress", "Attempted to Contact", "Connected",
                "Open Deal", "Unqualified", "Bad Timing");
        Set<String> sources = Set.of("Paid Search", "Organic Search", "Paid Social", "Referrals", "Offline Sources",
                "Other Campaigns");
        Set<String> ids = new HashSet<>();
        int duplicates = 0;
        Instant previous = Instant.EPOCH;
        for (CSVRecord r : hubspot) {
            assertThat(r.get("Lifecycle Stage")).isIn(lifecycle);
            assertThat(r.get("Lead Status")).isIn(statuses);
            assertThat(r.get("Original Source")).isIn(sources);
            if (!r.get("Record ID").isEmpty()) {
                assertThat(r.get("Record ID")).matches("51\\d{9}");
                if (!ids.add(r.get("Record ID"))) {
                    duplicates++;
                }
            }
            if (!r.get("Rejection Reason").isEmpty()) {
                assertThat(r.get("Lead Status")).isIn("Unqualified", "Bad Timing");
            }
            LocalDateTime created = hubspotTime(r.get("Create Date"));
            if (created != null) {
                Instant at = created.atZone(ZONE).toInstant();
                assertThat(at).as("sorted by Create Date").isAfterOrEqualTo(previous.minusSeconds(3600)); // DST fall-back hour
                previous = at.isAfter(previous) ? at : previous;
            }
        }
        assertThat(duplicates).as("exact duplicate rows").isBetween(10, 60);
        String text = Files.readString(dirA.resolve(DemoDataGenerator.HUBSPOT_CONTACTS), StandardCharsets.UTF_8);
        assertThat(text).contains("\"Smith \"\"& Sons\"\", Inc.\nEMEA\"", "Zoë,Müller", "José,Núñez", "太郎,山田",
                "\"=HYPERLINK(\"\"http://x\"\")\"", ",+Plus,");
        long freeMail = hubspot.stream().map(r -> r.get("Email"))
                .filter(e -> e.endsWith("@gmail.com") || e.endsWith("@outlook.com") || e.endsWith("@yahoo.com")).count();
        assertThat((double) freeMail / hubspot.size()).isBetween(0.05, 0.11);
        // Drill-Down 1 per source, as HubSpot reports it
        for (CSVRecord r : hubspot) {
            String dd1 = r.get("Original Source Drill-Down 1");
            switch (r.get("Original Source")) {
                case "Paid Social" -> assertThat(dd1).isEqualTo("LinkedIn");
                case "Offline Sources" -> assertThat(dd1).isIn("Webinar", "Trade show", "Partner");
                case "Other Campaigns" -> assertThat(dd1).isEqualTo("Content syndication");
                case "Paid Search" -> assertThat(dd1).isEqualTo("google");
                case "Organic Search" -> assertThat(dd1).isIn("google", "bing");
                default -> assertThat(dd1).contains(".");
            }
        }
    }

    @Test
    void funnelVolumesAreRealistic() {
        Funnel f = funnel();
        assertThat(f.leadsPerMonth).hasSize(18);
        assertThat(f.leadsPerMonth.values()).allSatisfy(n -> assertThat(n).isBetween(700, 1000));
        assertThat(f.leads).isBetween(13_000, 17_000);
        double handed = (double) f.handed / f.leads;
        double accepted = (double) f.accepted / f.handed;
        double rejected = (double) f.rejected / f.handed;
        double untouched = (double) f.untouched / f.handed;
        assertThat(handed).isBetween(0.55, 0.65);
        assertThat(accepted).isBetween(0.20, 0.40);
        assertThat(rejected).isBetween(0.35, 0.45);
        assertThat(untouched).isBetween(0.20, 0.30);
        assertThat(f.recentUntouchedShare).as("leads handed in the last 10 days are often pending").isGreaterThan(0.35);
        System.out.printf(Locale.ROOT, "seed %d, last month %s, zone %s%n", SEED, LAST_MONTH, ZONE);
        System.out.printf(Locale.ROOT, "leads %d, handed %d (%.1f%%), accepted %d (%.1f%%), rejected %d (%.1f%%), "
                        + "never touched %d (%.1f%%), in progress %d%n", f.leads, f.handed, 100 * handed, f.accepted,
                100 * accepted, f.rejected, 100 * rejected, f.untouched, 100 * untouched,
                f.handed - f.accepted - f.rejected - f.untouched);
        System.out.println("leads per month " + f.leadsPerMonth);
        System.out.println("summary " + first);
    }

    @Test
    void marketoOverlapsWithHubspot() {
        assertThat(marketo.size()).isBetween(2_000, 3_000);
        Set<String> hubspotEmails = new HashSet<>();
        hubspot.forEach(r -> hubspotEmails.add(normalize(r.get("Email"))));
        int overlap = 0;
        int differentlyTyped = 0;
        for (CSVRecord r : marketo) {
            assertThat(r.get("Lead Source")).isIn("Webinar", "Trade Show");
            assertThat(r.get("Id")).matches("\\d+");
            String email = normalize(r.get("Email Address"));
            if (email.matches("[^@\\s]+@[^@\\s]+") && hubspotEmails.contains(email)) {
                overlap++;
                if (!hubspotEmails.contains(r.get("Email Address"))) {
                    differentlyTyped++;
                }
            } else {
                assertThat(r.get("Lead Status")).isIn("New", "Nurture", "Disqualified");
            }
        }
        assertThat(overlap).isEqualTo(first.overlappingPeople()).isPositive();
        assertThat((double) overlap / marketo.size()).isBetween(0.30, 0.40);
        assertThat(differentlyTyped).isPositive();
    }

    @Test
    void dealsLookLikeASalesforceReport() {
        assertThat(salesforce).hasSize(first.deals());
        Set<String> ids = new HashSet<>();
        Map<String, Integer> currencies = new TreeMap<>();
        Map<YearMonth, Integer> wonPerMonth = new TreeMap<>();
        Map<String, LocalDateTime> hubspotCreated = new HashMap<>();
        for (CSVRecord r : hubspot) {
            LocalDateTime t = hubspotTime(r.get("Create Date"));
            if (t != null && !r.get("Record ID").isEmpty()) {
                hubspotCreated.put(r.get("Record ID"), t);
            }
        }
        int won = 0;
        int withContactId = 0;
        int neither = 0;
        int closeBeforeLead = 0;
        for (CSVRecord r : salesforce) {
            String id = r.get("Opportunity ID");
            assertThat(id).matches("006[0-9A-Za-z]{15}");
            assertThat(DealSimulation.salesforce18(id.substring(0, 15))).isEqualTo(id);
            assertThat(ids.add(id)).isTrue();
            currencies.merge(r.get("Opportunity Currency"), 1, Integer::sum);
            LocalDate created = LocalDate.parse(r.get("Created Date"), SF_DATE);
            assertThat(YearMonth.from(created)).isBetween(LAST_MONTH.minusMonths(17), LAST_MONTH);
            if (r.get("Won").equals("1")) {
                won++;
                assertThat(r.get("Stage")).isEqualTo("Closed Won");
                parseSfDate(r.get("Close Date")).ifPresent(d -> wonPerMonth.merge(YearMonth.from(d), 1, Integer::sum));
            }
            if (r.get("Stage").equals("Closed Lost")) {
                assertThat(r.get("Loss Reason")).isIn("Price", "Competitor", "No decision", "Timing", "Missing feature");
            }
            if (!r.get("HubSpot Contact ID").isEmpty()) {
                withContactId++;
                LocalDateTime lead = hubspotCreated.get(r.get("HubSpot Contact ID"));
                assertThat(lead).as("contact id resolves").isNotNull();
                if (parseSfDate(r.get("Close Date")).filter(d -> d.isBefore(lead.toLocalDate())).isPresent()) {
                    closeBeforeLead++;
                }
            } else if (r.get("Contact: Email").isEmpty()) {
                neither++;
            }
            if (r.get("Amount").matches("\\d+\\.\\d{2}")) {
                assertThat(Double.parseDouble(r.get("Amount"))).isBetween(5_000.0, 150_000.0);
            }
        }
        assertThat(won).isEqualTo(first.wonDeals()).isPositive();
        assertThat(currencies).containsKeys("USD", "EUR", "GBP");
        assertThat((double) currencies.get("USD") / salesforce.size()).isBetween(0.5, 0.7);
        for (int m = 4; m < 18; m++) {
            YearMonth month = LAST_MONTH.minusMonths(17 - m);
            assertThat(wonPerMonth.getOrDefault(month, 0)).as("won deals in " + month).isPositive();
        }
        assertThat((double) withContactId / salesforce.size()).isBetween(0.55, 0.65);
        assertThat((double) neither / salesforce.size()).isBetween(0.04, 0.10);
        assertThat(closeBeforeLead).as("close date before the lead was created").isBetween(1, 8);
    }

    @Test
    void salesforceFooterIsPresent() throws IOException {
        String text = Files.readString(dirA.resolve(DemoDataGenerator.SALESFORCE_OPPORTUNITIES), StandardCharsets.UTF_8);
        assertThat(text).endsWith("\r\n\r\n"
                + "\"Northwind Analytics\"\r\n"
                + "\"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.\"\r\n"
                + "\"Confidential Information - Do Not Distribute\"\r\n"
                + "\"Generated By:  Dana Whitfield  10/31/2026 5:42 PM\"\r\n"
                + "\"Northwind Analytics\"\r\n");
    }

    @Test
    void googleAdsCampaignsMatchHubspotPaidSearch() throws IOException {
        List<CSVRecord> ads = records(dirA.resolve(DemoDataGenerator.GOOGLE_ADS_CAMPAIGNS), 2);
        Set<String> paidSearchCampaigns = new HashSet<>();
        hubspot.stream().filter(r -> r.get("Original Source").equals("Paid Search"))
                .forEach(r -> paidSearchCampaigns.add(r.get("Original Source Drill-Down 2")));
        Set<String> adsCampaigns = new HashSet<>();
        int dashes = 0;
        for (CSVRecord r : ads) {
            adsCampaigns.add(r.get("Campaign"));
            assertThat(r.get("Day")).matches("\\d{4}-\\d{2}-\\d{2}");
            assertThat(r.get("Campaign type")).isEqualTo("Search");
            assertThat(r.get("Currency code")).isEqualTo("USD");
            if (r.get("Cost").equals("--")) {
                dashes++;
            } else {
                assertThat(r.get("Cost")).matches("\\d{1,3}(,\\d{3})*\\.\\d{2}");
            }
            assertThat(r.get("Impressions")).matches("\\d{1,3}(,\\d{3})*");
            assertThat(r.get("Conversions")).matches("\\d+\\.\\d{2}");
        }
        assertThat(adsCampaigns).isEqualTo(paidSearchCampaigns);
        assertThat(dashes).isPositive();
        assertThat(Files.readString(dirA.resolve(DemoDataGenerator.GOOGLE_ADS_CAMPAIGNS))).contains("\"1,");
    }

    @Test
    void budgetWorkbookHasTitleHeaderDatesAndFormulas() throws IOException {
        Map<String, Set<String>> hubspotCampaigns = new HashMap<>();
        for (CSVRecord r : hubspot) {
            hubspotCampaigns.computeIfAbsent(r.get("Original Source Drill-Down 1"), k -> new HashSet<>())
                    .add(r.get("Original Source Drill-Down 2"));
            hubspotCampaigns.computeIfAbsent(r.get("Original Source"), k -> new HashSet<>())
                    .add(r.get("Original Source Drill-Down 2"));
        }
        Map<String, String> channelToHubspot = Map.of("LinkedIn Ads", "LinkedIn", "Webinar", "Webinar",
                "Trade show", "Trade show", "Content syndication", "Content syndication", "Partner", "Partner",
                "Organic search", "Organic Search", "Referral", "Referrals");
        try (InputStream in = Files.newInputStream(dirA.resolve(DemoDataGenerator.MARKETING_BUDGET));
             Workbook wb = WorkbookFactory.create(in)) {
            Sheet budget = wb.getSheet("Budget");
            assertThat(budget).isNotNull();
            assertThat(wb.getSheet("Notes")).isNotNull();
            assertThat(budget.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Marketing spend actuals");
            assertThat(budget.getMergedRegions()).anySatisfy(m -> assertThat(m.formatAsString()).isEqualTo("A1:E1"));
            assertThat(budget.getRow(1)).isNull();
            Row header = budget.getRow(2);
            List<String> headers = new ArrayList<>();
            header.forEach(c -> headers.add(c.getStringCellValue()));
            assertThat(headers).containsExactly("Month", "Channel", "Campaign", "Currency", "Amount");
            int formulas = 0;
            int notAvailable = 0;
            Set<String> channels = new HashSet<>();
            for (int i = 3; i <= budget.getLastRowNum(); i++) {
                Row row = budget.getRow(i);
                Cell month = row.getCell(0);
                assertThat(DateUtil.isCellDateFormatted(month)).isTrue();
                assertThat(month.getCellStyle().getDataFormatString()).isEqualTo("mmm yyyy");
                assertThat(month.getLocalDateTimeCellValue().getDayOfMonth()).isEqualTo(1);
                String channel = row.getCell(1).getStringCellValue();
                channels.add(channel);
                assertThat(hubspotCampaigns.get(channelToHubspot.get(channel)))
                        .as(channel).contains(row.getCell(2).getStringCellValue());
                assertThat(row.getCell(3).getStringCellValue()).isIn("USD", "EUR");
                Cell amount = row.getCell(4);
                if (amount.getCellType() == CellType.FORMULA) {
                    formulas++;
                    assertThat(amount.getCachedFormulaResultType()).isEqualTo(CellType.NUMERIC);
                    assertThat(amount.getNumericCellValue()).isPositive();
                } else if (amount.getCellType() == CellType.STRING) {
                    assertThat(amount.getStringCellValue()).isEqualTo("n/a");
                    notAvailable++;
                } else {
                    assertThat(amount.getNumericCellValue()).isPositive();
                    assertThat(amount.getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
                }
            }
            assertThat(formulas).isGreaterThanOrEqualTo(3);
            assertThat(notAvailable).isPositive();
            assertThat(channels).containsExactlyInAnyOrder("LinkedIn Ads", "Webinar", "Trade show",
                    "Content syndication", "Partner", "Organic search", "Referral");
            assertThat(first.spendRows()).isEqualTo(budget.getLastRowNum() - 2
                    + records(dirA.resolve(DemoDataGenerator.GOOGLE_ADS_CAMPAIGNS), 2).size());
        }
    }

    @Test
    void ecbRatesAreNewestFirstBusinessDaysWithTrailingComma() throws IOException {
        List<String> lines = Files.readAllLines(dirA.resolve(DemoDataGenerator.ECB_RATES));
        LocalDate previous = null;
        for (String line : lines.subList(1, lines.size())) {
            assertThat(line).matches("\\d{4}-\\d{2}-\\d{2},1\\.\\d{4},1\\d{2}\\.\\d{4},0\\.\\d{4},0\\.\\d{4},");
            LocalDate d = LocalDate.parse(line.substring(0, 10));
            assertThat(d.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            if (previous != null) {
                assertThat(d).isBefore(previous);
            }
            previous = d;
        }
        assertThat(lines.get(1)).startsWith("2026-10-30,");
        assertThat(previous).isEqualTo(LocalDate.of(2025, 3, 3));
        assertThat(lines).noneMatch(l -> l.startsWith("2025-12-25") || l.startsWith("2026-04-03"));
    }

    @Test
    void aboutOnePercentOfRowsAreDirty() throws IOException {
        int rows = first.hubspotContacts() + first.marketoLeads() + first.deals() + first.spendRows();
        assertThat(first.hubspotContacts()).isEqualTo(hubspot.size());
        assertThat(first.marketoLeads()).isEqualTo(marketo.size());
        double share = (double) first.dirtyRows() / rows;
        assertThat(share).isBetween(0.007, 0.013);
        long badHubspot = hubspot.stream().filter(r -> r.get("Record ID").isEmpty()
                || hubspotTime(r.get("Create Date")) == null || !r.get("Email").matches("[^@\\s]+@[^@\\s]+\\.[a-z]+")).count();
        assertThat(badHubspot).isPositive();
        String sf = Files.readString(dirA.resolve(DemoDataGenerator.SALESFORCE_OPPORTUNITIES));
        assertThat(sf).contains("\"TBD\"", "\"-5000.00\"", "\"US$\"", "-13-45\"");
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** Funnel figures computed from the files, the way an importer would. */
    private static final class Funnel {
        int leads;
        int handed;
        int accepted;
        int rejected;
        int untouched;
        double recentUntouchedShare;
        final Map<YearMonth, Integer> leadsPerMonth = new TreeMap<>();
    }

    private static Funnel funnel() {
        Funnel f = new Funnel();
        Map<String, Instant> marketoCreated = new HashMap<>();
        for (CSVRecord r : marketo) {
            try {
                marketoCreated.put(normalize(r.get("Email Address")), Instant.parse(r.get("Created At")));
            } catch (DateTimeParseException e) {
                // dirty row
            }
        }
        Set<String> seen = new HashSet<>();
        Set<String> hubspotEmails = new HashSet<>();
        LocalDateTime end = LAST_MONTH.atEndOfMonth().atTime(23, 59);
        int recent = 0;
        int recentUntouched = 0;
        for (CSVRecord r : hubspot) {
            LocalDateTime created = hubspotTime(r.get("Create Date"));
            if (r.get("Record ID").isEmpty() || created == null || !seen.add(r.get("Record ID"))) {
                continue;
            }
            String email = normalize(r.get("Email"));
            hubspotEmails.add(email);
            Instant at = created.atZone(ZONE).toInstant();
            Instant mk = marketoCreated.get(email);
            if (mk != null && mk.isBefore(at)) {
                at = mk;
            }
            f.leads++;
            f.leadsPerMonth.merge(YearMonth.from(at.atZone(ZONE)), 1, Integer::sum);
            if (!r.get("Became a Marketing Qualified Lead Date").isEmpty()) {
                f.handed++;
                boolean untouched = r.get("Date of first engagement").isEmpty();
                if (!r.get("Became a Sales Qualified Lead Date").isEmpty()) {
                    f.accepted++;
                } else if (!r.get("Rejection Reason").isEmpty()) {
                    f.rejected++;
                } else if (untouched) {
                    f.untouched++;
                }
                if (hubspotTime(r.get("Became a Marketing Qualified Lead Date")).isAfter(end.minusDays(10))) {
                    recent++;
                    recentUntouched += untouched ? 1 : 0;
                }
            }
        }
        for (Map.Entry<String, Instant> e : marketoCreated.entrySet()) {
            if (!hubspotEmails.contains(e.getKey())) {
                f.leads++;
                f.leadsPerMonth.merge(YearMonth.from(e.getValue().atZone(ZONE)), 1, Integer::sum);
            }
        }
        f.recentUntouchedShare = (double) recentUntouched / recent;
        return f;
    }

    private static String normalize(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static LocalDateTime hubspotTime(String s) {
        try {
            return LocalDateTime.parse(s, HUBSPOT_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static java.util.Optional<LocalDate> parseSfDate(String s) {
        try {
            return java.util.Optional.of(LocalDate.parse(s, SF_DATE));
        } catch (DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    private static List<String> firstLines(String file, int n) throws IOException {
        String text = Files.readString(dirA.resolve(file), StandardCharsets.UTF_8);
        String[] lines = text.split("\r\n", n + 1);
        return List.of(lines).subList(0, n);
    }

    /** Data records of a CSV whose header is on line {@code skip + 1}. */
    private static List<CSVRecord> records(Path file, int skip) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < skip; i++) {
                // skip pre-header lines (Google Ads title and date range; neither contains a line break)
                while (reader.read() != '\n') {
                    // consume
                }
            }
            try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                return parser.getRecords();
            }
        }
    }
}
