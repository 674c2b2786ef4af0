package io.leadledger.deliver;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SmtpSettingsTest {

    @Test
    void thePasswordComesFromTheEnvironmentOrAFileAndIsNeverPrinted() throws Exception {
        SmtpSettings s = new SmtpSettings("smtp.example.com", 587, "STARTTLS", "reports@example.com", "s3cret!", "", "");
        assertThat(s.toString()).isEqualTo("smtp.example.com:587 (starttls, user reports@example.com)").doesNotContain("s3cret");
        assertEquals("reports@example.com", s.from());
        assertEquals("s3cret!", s.password());

        Path file = Files.createTempFile("smtp-password", "");
        Files.writeString(file, "from-a-file\n");
        assertEquals("from-a-file", new SmtpSettings("h", 465, "tls", "u", "", file.toString(), "x@example.com").password());
        assertThat(new SmtpSettings("", 587, "starttls", "", "", "", "").configured()).isFalse();
        assertThatThrownBy(() -> new SmtpSettings("h", 25, "ssl", "", "", "", "")).hasMessageContaining("starttls, tls or none");
    }
}
