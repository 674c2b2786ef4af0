package io.leadledger;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

class LeadledgerPropertiesTest {

    private static LeadledgerProperties bind(Map<String, String> props) {
        return new Binder(new MapConfigurationPropertySource(props)).bindOrCreate("leadledger", LeadledgerProperties.class);
    }

    @Test
    void theDefaultsAreThoseOfTheFormerValueAnnotations() {
        LeadledgerProperties p = bind(Map.of());
        assertEquals(new LeadledgerProperties.Smtp("", 587, "starttls", "", "", "", ""), p.smtp());
        assertEquals(2, p.reports().threads());
        assertEquals(20_000, p.imports().batchRows());
        assertEquals(2, p.imports().threads());
    }

    @Test
    void thePropertyNamesAreUnchanged() {
        LeadledgerProperties p = bind(Map.of("leadledger.smtp.host", "smtp.example.com", "leadledger.smtp.port", "465",
                "leadledger.smtp.security", "tls", "leadledger.smtp.password-file", "/run/secrets/smtp",
                "leadledger.smtp.from", "reports@example.com", "leadledger.smtp.password", "s3cret!",
                "leadledger.reports.threads", "3", "leadledger.import.batch-rows", "5000",
                "leadledger.import.threads", "4"));
        assertEquals(new LeadledgerProperties.Smtp("smtp.example.com", 465, "tls", "", "s3cret!", "/run/secrets/smtp",
                "reports@example.com"), p.smtp());
        assertEquals(3, p.reports().threads());
        assertEquals(5000, p.imports().batchRows());
        assertEquals(4, p.imports().threads());
        assertThat(p.toString()).doesNotContain("s3cret!").contains("smtp.example.com");
    }
}
