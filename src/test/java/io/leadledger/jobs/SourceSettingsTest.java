package io.leadledger.jobs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 10: the per-source settings in nightly-sync.yml and how a deal profile's lead profile becomes sources. */
class SourceSettingsTest {

    @TempDir
    Path jobs;

    private Workspace load(String sources) throws Exception {
        Files.writeString(jobs.resolve("leadledger.yml"), "tenant:\n  id: t\n");
        Files.writeString(jobs.resolve("nightly-sync.yml"), "sources:\n" + sources);
        return Workspace.load(jobs);
    }

    @Test
    void aBuiltInDealProfileScopesItsLeadRefToTheSourcesReadWithItsLeadProfile() throws Exception {
        Workspace ws = load("""
                  - { name: hs-us, profile: hubspot-contacts, files: a.csv }
                  - { name: hs-eu, profile: hubspot-contacts, files: b.csv }
                  - { name: mkto, profile: marketo-leads, files: c.csv }
                  - { name: deals, profile: hubspot-deals, files: d.csv }
                  - { name: sf, profile: salesforce-opportunities, files: e.csv, leadRefSources: [mkto] }
                  - { name: pd, profile: pipedrive-deals, files: f.csv }
                """);
        // hubspot-deals names hubspot-contacts; the source's own leadRefSources wins; pipedrive names none
        assertThat(ws.sync().leadRefScopes()).isEqualTo(Map.of("deals", List.of("hs-us", "hs-eu"), "sf", List.of("mkto")));
    }

    @Test
    void aDealProfileWhoseLeadProfileTheTenantDoesNotUseIsUnscoped() throws Exception {
        Workspace ws = load("""
                  - { name: mkto, profile: marketo-leads, files: c.csv }
                  - { name: deals, profile: hubspot-deals, files: d.csv }
                """);
        assertThat(ws.sync().leadRefScopes()).isEmpty();
    }

    @Test
    void settingsAreReadAndChecked() throws Exception {
        Workspace ws = load("""
                  - { name: eu, profile: marketo-leads, files: c.csv, timezone: Europe/Berlin, handedAt: createdAt }
                  - { name: budget, profile: budget-xlsx, files: b.xlsx, spendFxDate: first-business-day }
                """);
        assertThat(ws.sync().sources().get(0).mapping().timezone()).isEqualTo("Europe/Berlin");
        assertThat(ws.sync().sources().get(0).mapping().handedAt()).isEqualTo("createdAt");
        assertThat(ws.sync().sources().get(1).mapping().spendFxDateOrDefault()).isEqualTo("first-business-day");
        assertThatThrownBy(() -> load("  - { name: b, profile: budget-xlsx, files: b.xlsx, spendFxDate: monthly }\n"))
                .isInstanceOf(JobsConfigException.class)
                .hasMessageContaining("spendFxDate 'monthly' must be one of [month-average, first-business-day, row-date]");
        assertThatThrownBy(() -> load("  - { name: e, profile: marketo-leads, files: c.csv, timezone: CEST }\n"))
                .isInstanceOf(JobsConfigException.class).hasMessageContaining("timezone 'CEST' is not an IANA time zone");
        assertThatThrownBy(() -> load("""
                  - { name: mkto, profile: marketo-leads, files: c.csv }
                  - { name: deals, profile: hubspot-deals, files: d.csv, leadRefSources: [hubspot] }
                """)).isInstanceOf(JobsConfigException.class)
                .hasMessageContaining("leadRefSources names 'hubspot', which is not a leads source");
    }

    @Test
    void aTouchesSourcesPeopleNamesALeadsSourceOfTheFile() throws Exception {
        Workspace ws = load("""
                  - { name: sf-leads, profile: salesforce-leads, files: l.csv }
                  - { name: mkto, profile: marketo-leads, files: m.csv }
                  - { name: members, profile: salesforce-campaign-members, files: c.csv, people: mkto }
                  - { name: activities, profile: marketo-activities, files: a.csv }
                  - { name: events, kind: touches, files: e.csv, columns: { at: When, email: Mail } }
                """);
        // people: wins over the profile's lead profile; without it, the profile's; a generic mapping: e-mail only
        assertThat(ws.sync().leadRefScopes()).isEqualTo(Map.of("members", List.of("mkto"), "activities", List.of("mkto")));
        assertThatThrownBy(() -> load("""
                  - { name: deals, profile: hubspot-deals, files: d.csv }
                  - { name: members, profile: salesforce-campaign-members, files: c.csv, people: deals }
                """)).isInstanceOf(JobsConfigException.class)
                .hasMessageContaining("source 'members': people names 'deals', which is not a leads source of this file");
        assertThatThrownBy(() -> load("  - { name: sf, profile: salesforce-leads, files: l.csv, people: sf }\n"))
                .isInstanceOf(JobsConfigException.class).hasMessageContaining("'people' is for a touches source");
        assertThatThrownBy(() -> load("  - { name: ev, kind: touches, files: e.csv, columns: { at: When, campaign: C } }\n"))
                .isInstanceOf(JobsConfigException.class).hasMessageContaining("maps 'email' or 'personId'");
    }
}
