package io.leadledger.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every setting of every file in jobs/ (the list a settings reference is made from), and a typo at any level of any
 * file rejected with the file, the setting and the nearest known name.
 */
class KnownSettingsTest {

    /**
     * The settings as they stand. A new record component shows up here by itself; when this fails, check that the
     * new setting sits where users will write it, add it to the list and to docs/settings.md (SettingsReferenceTest).
     */
    @Test
    void everyKnownSettingOfEveryFile() {
        List<String> tenant = List.of("id", "name", "reportingCurrency", "timezone", "neverTouchedAfterDays", "channels.*",
                "attribution.defaultModel", "attribution.uShaped.first", "attribution.uShaped.leadCreation",
                "attribution.uShaped.middle", "attribution.uShaped.preset", "attribution.timeDecayHalfLifeDays",
                "identity.stripPlusTags", "identity.ignoreDotsInGmail", "identity.domainAliases.*", "identity.freeMailDomains");
        List<String> leadledger = new java.util.ArrayList<>(tenant.stream().map(k -> "tenant." + k).toList());
        leadledger.addAll(tenant.subList(5, tenant.size()));
        leadledger.add("alerts");
        assertEquals(leadledger, KnownSettings.paths(KnownSettings.LEADLEDGER));

        List<String> profile = List.of("name", "kind", "format", "headerRow", "delimiter", "encoding", "sheet",
                "stopAtBlankRow", "dateFormats", "decimalSeparator", "defaultCurrency", "columns.*", "constants.*",
                "rejectedStatuses", "wonStages", "lostStages", "trueValues", "timezone", "leadRefSources", "leadRefProfile",
                "spendFxDate", "handedAt");
        assertEquals(profile, KnownSettings.paths(KnownSettings.PROFILE));

        List<String> sync = new java.util.ArrayList<>(List.of("job", "cron", "timezone", "fx", "sources[].name",
                "sources[].kind", "sources[].files", "sources[].stagingFollowsFiles", "sources[].api.vendor",
                "sources[].api.object", "sources[].api.tokenEnv", "sources[].api.clientIdEnv", "sources[].api.clientSecretEnv",
                "sources[].api.baseUrl", "sources[].api.overlapMinutes", "sources[].api.activityTypeIds",
                "sources[].profile", "sources[].people"));
        profile.stream().filter(k -> !k.equals("name") && !k.equals("kind")).forEach(k -> sync.add("sources[]." + k));
        sync.add("followSymlinks");
        assertEquals(sync, KnownSettings.paths(KnownSettings.NIGHTLY_SYNC));

        assertEquals(List.of("job", "cron", "timezone", "reports", "formats", "out", "paperSize", "recipients",
                "insights.minSpend", "attachXlsx", "maxSyncAgeHours"), KnownSettings.paths(KnownSettings.MONTHLY_REPORTS));
        assertThat(KnownSettings.files()).containsOnlyKeys("leadledger.yml", "nightly-sync.yml", "monthly-reports.yml",
                "profiles/NAME.yml");
    }

    @Test
    void theShippedJobsAndEveryBuiltInProfileUseKnownSettingsOnly() throws Exception {
        Workspace ws = Workspace.load(Path.of("jobs"));
        assertEquals("demo", ws.tenant().id());
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (String name : BuiltInProfiles.NAMES) {
            try (InputStream in = Workspace.class.getResourceAsStream("/profiles/" + name + ".yml")) {
                KnownSettings.check(yaml.readValue(in, Object.class), KnownSettings.PROFILE, Path.of(name + ".yml"), "");
            }
        }
    }

    /** One typo per level of each file, written into an otherwise good jobs/ directory. */
    @Test
    void aTypoAtAnyLevelOfAnyFileIsRejectedWithTheNearestKnownName() throws Exception {
        typo("leadledger.yml", "channels:", "atribution: { defaultModel: linear }\nchannels:",
                "unknown setting 'atribution' in %s (did you mean 'attribution'?)");
        typo("leadledger.yml", "  timezone:", "  reportingCurency: EUR\n  timezone:",
                "unknown setting 'tenant.reportingCurency' in %s (did you mean 'reportingCurrency'?)");
        typo("leadledger.yml", "channels:", "attribution:\n  uShaped: { frist: 0.5, leadCreation: 0.5, middle: 0 }\nchannels:",
                "unknown setting 'attribution.uShaped.frist' in %s (did you mean 'first'?)");
        typo("leadledger.yml", "channels:", "identity: { stripPlusTag: false }\nchannels:",
                "unknown setting 'identity.stripPlusTag' in %s (did you mean 'stripPlusTags'?)");
        typo("nightly-sync.yml", "cron:", "crom:", "unknown setting 'crom' in %s (did you mean 'cron'?)");
        typo("nightly-sync.yml", "sources:", "sourcse:", "unknown setting 'sourcse' in %s (did you mean 'sources'?)");
        typo("nightly-sync.yml", "    dateFormats:", "    dateFormat:",
                "unknown setting 'dateFormat' in %s, source 'crm-leads' (did you mean 'dateFormats'?)");
        typo("nightly-sync.yml", "    kind: deals", "    kind: deals\n    wonStage: [Won]",
                "unknown setting 'wonStage' in %s, source 'crm-deals' (did you mean 'wonStages'?)");
        typo("monthly-reports.yml", "recipients:", "recipents:", "unknown setting 'recipents' in %s (did you mean 'recipients'?)");
        typo("monthly-reports.yml", "recipients:", "maxSyncAgeHour: 12\nrecipients:",
                "unknown setting 'maxSyncAgeHour' in %s (did you mean 'maxSyncAgeHours'?)");
        typo("monthly-reports.yml", "recipients:", "insights: { minSpnd: 100 }\nrecipients:",
                "unknown setting 'insights.minSpnd' in %s (did you mean 'minSpend'?)");
        // nothing near: the names this level takes
        typo("monthly-reports.yml", "recipients:", "colour: red\nrecipients:", "unknown setting 'colour' in %s (known here: "
                + "attachXlsx, cron, formats, insights, job, maxSyncAgeHours, out, paperSize, recipients, reports, timezone)");
    }

    @Test
    void aTypoInAUsersOwnProfileIsRejected() throws Exception {
        Path jobs = goodJobs();
        Files.createDirectories(jobs.resolve("profiles"));
        Files.writeString(jobs.resolve("profiles/my-leads.yml"), """
                kind: leads
                delimter: ";"
                columns: { id: Lead ID, email: E-mail, createdAt: Created }
                """);
        Files.writeString(jobs.resolve("nightly-sync.yml"), "sources:\n  - name: mine\n    profile: my-leads\n    files: x.csv\n");
        assertThatThrownBy(() -> Workspace.load(jobs)).isInstanceOf(JobsConfigException.class).hasMessage(
                "unknown setting 'delimter' in " + jobs.resolve("profiles/my-leads.yml") + " (did you mean 'delimiter'?)");
    }

    @Test
    void editDistanceCountsASwapOfNeighboursAsOneEdit() {
        assertEquals(1, KnownSettings.distance("crom", "cron"));
        assertEquals(1, KnownSettings.distance("recipents", "recipients"));
        assertEquals(1, KnownSettings.distance("frist", "first"));
        assertEquals(3, KnownSettings.distance("kitten", "sitting"));
        assertEquals("did you mean 'cron'?", KnownSettings.suggestion("CRON", java.util.Set.of("cron", "job")));
    }

    private void typo(String file, String find, String replace, String message) throws Exception {
        Path jobs = goodJobs();
        Path f = jobs.resolve(file);
        String text = Files.readString(f);
        assertThat(text).contains(find);
        Files.writeString(f, text.replaceFirst(java.util.regex.Pattern.quote(find), java.util.regex.Matcher.quoteReplacement(replace)));
        assertThatThrownBy(() -> Workspace.load(jobs)).as(file + ": " + replace).isInstanceOf(JobsConfigException.class)
                .hasMessage(message.formatted(f));
    }

    /** A jobs/ directory that loads: every file present, written the way the README shows. */
    private static Path goodJobs() throws Exception {
        Path jobs = Files.createTempDirectory("leadledger-settings").resolve("jobs");
        Files.createDirectories(jobs);
        Files.writeString(jobs.resolve("leadledger.yml"), """
                tenant:
                  id: acme
                  timezone: Europe/Berlin
                alerts: [ops@acme.test]
                channels:
                  google cpc: Paid search
                """);
        Files.writeString(jobs.resolve("nightly-sync.yml"), """
                cron: "0 30 2 * * *"
                sources:
                  - name: crm-leads
                    kind: leads
                    files: leads.csv
                    dateFormats: ["dd-MM-yyyy HH:mm"]
                    columns: { id: Lead ID, email: E-mail, createdAt: Created }
                  - name: crm-deals
                    kind: deals
                    files: deals.csv
                    columns: { id: Deal, email: Contact, amount: Value, stage: Status, closeDate: Closed }
                """);
        Files.writeString(jobs.resolve("monthly-reports.yml"), """
                formats: [pdf]
                recipients: [ceo@acme.test]
                attachXlsx: true
                """);
        Workspace.load(jobs);
        return jobs;
    }
}
