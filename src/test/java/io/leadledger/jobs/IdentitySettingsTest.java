package io.leadledger.jobs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentitySettingsTest {

    @TempDir
    Path dir;

    @Test
    void defaultsStripPlusTagsAndNothingElse() {
        IdentitySettings d = IdentitySettings.DEFAULTS;
        assertTrue(d.stripPlusTags());
        assertFalse(d.ignoreDotsInGmail());
        assertThat(d.domainAliases()).isEmpty();
        assertThat(d.freeMailDomains()).isEmpty();
        assertEquals(d, new TenantSettings("t", null, null, null, 0, null).identity());
    }

    @Test
    void domainsAreLowerCasedAndChecked() {
        IdentitySettings s = new IdentitySettings(false, true, Map.of(" Acme.CO.uk ", "acme.com"), List.of("CorpMail.io", "mailbox.*"));
        assertEquals(Map.of("acme.co.uk", "acme.com"), s.domainAliases());
        assertEquals(List.of("corpmail.io", "mailbox.*"), s.freeMailDomains());
        assertThatThrownBy(() -> new IdentitySettings(null, null, Map.of("acme.co.uk", "acme"), null))
                .hasMessageContaining("'acme' is not a domain name");
        assertThatThrownBy(() -> new IdentitySettings(null, null, Map.of("a.com", "b.com", "b.com", "c.com"), null))
                .hasMessageContaining("is itself an alias");
        assertThatThrownBy(() -> new IdentitySettings(null, null, null, List.of("*.mail.com")))
                .hasMessageContaining("freeMailDomains: '*.mail.com'");
    }

    @Test
    void readFromLeadledgerYmlWithTheFileNamedInErrors() throws Exception {
        Files.writeString(dir.resolve("leadledger.yml"), """
                tenant: { id: acme }
                identity:
                  ignoreDotsInGmail: true
                  domainAliases: { acme.co.uk: acme.com }
                """);
        Files.writeString(dir.resolve("nightly-sync.yml"), """
                sources:
                  - { name: s, kind: leads, files: x.csv, columns: { id: Id, createdAt: Created } }
                """);
        IdentitySettings s = Workspace.load(dir).tenant().identity();
        assertTrue(s.stripPlusTags());
        assertTrue(s.ignoreDotsInGmail());
        assertEquals(Map.of("acme.co.uk", "acme.com"), s.domainAliases());
        Files.writeString(dir.resolve("leadledger.yml"), """
                tenant: { id: acme }
                identity: { stripPlusTag: true }
                """);
        assertThatThrownBy(() -> Workspace.load(dir)).isInstanceOf(JobsConfigException.class)
                .hasMessageContaining("unknown setting 'identity.stripPlusTag' in ").hasMessageContaining("leadledger.yml")
                .hasMessageContaining("did you mean 'stripPlusTags'?");
    }
}
