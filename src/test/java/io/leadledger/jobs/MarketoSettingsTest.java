package io.leadledger.jobs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A Marketo source's api settings: the client credentials' variable names, its own address, the touch types. */
class MarketoSettingsTest {

    @TempDir
    Path jobs;

    private Workspace load(String api) throws Exception {
        Files.writeString(jobs.resolve("leadledger.yml"), "tenant:\n  id: t\n");
        Files.writeString(jobs.resolve("nightly-sync.yml"), "sources:\n  - name: mkto\n    profile: marketo-api-leads\n"
                + "    api: " + api + "\n");
        return Workspace.load(jobs);
    }

    @Test
    void aMarketoLeadsSourceNeedsItsClientsVariablesAndItsInstanceAddress() throws Exception {
        Workspace ws = load("{ vendor: marketo, object: leads, clientIdEnv: MKTO_ID, clientSecretEnv: MKTO_SECRET, "
                + "baseUrl: 'https://123-ABC-456.mktorest.com/' }");
        ApiSettings api = ws.sync().sources().get(0).api();
        assertThat(api.baseUrl()).isEqualTo("https://123-ABC-456.mktorest.com");
        assertThat(api.feeds()).isEqualTo("leads");
        assertThat(api.activityTypeIds()).isNull();
        assertThatThrownBy(() -> load("{ vendor: marketo, object: leads, tokenEnv: MKTO_TOKEN, baseUrl: 'https://x.mktorest.com' }"))
                .hasMessageContaining("clientIdEnv");
        assertThatThrownBy(() -> load("{ vendor: marketo, object: leads, clientIdEnv: MKTO_ID, clientSecretEnv: MKTO_SECRET }"))
                .hasMessageContaining("api.baseUrl: marketo needs your instance's address");
        assertThatThrownBy(() -> load("{ vendor: marketo, object: activities, clientIdEnv: MKTO_ID, clientSecretEnv: MKTO_SECRET, "
                + "baseUrl: 'https://x.mktorest.com' }")).hasMessageContaining("does not fit kind leads");
    }

    @Test
    void touchTypesAreOneToTenIdsAndOnlyForMarketoActivities() {
        ApiSettings ok = new ApiSettings("marketo", "activities", null, "MKTO_ID", "MKTO_SECRET", "https://x.mktorest.com",
                null, List.of(2, 11, 104, 1001));
        assertThat(ok.activityTypeIds()).containsExactly(2, 11, 104, 1001);
        assertThat(ok.feeds()).isEqualTo("touches");
        assertThatThrownBy(() -> new ApiSettings("marketo", "activities", null, "MKTO_ID", "MKTO_SECRET",
                "https://x.mktorest.com", null, List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)))
                .hasMessageContaining("api.activityTypeIds: give 1 to 10");
        assertThatThrownBy(() -> new ApiSettings("marketo", "leads", null, "MKTO_ID", "MKTO_SECRET",
                "https://x.mktorest.com", null, List.of(2))).hasMessageContaining("only for vendor marketo, object activities");
    }
}
