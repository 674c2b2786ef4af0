package io.leadledger.warehouse;

import io.leadledger.jobs.JobsConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkOverrideFileTest {

    @TempDir
    Path dir;

    Path write(String content) throws Exception {
        Path f = dir.resolve("link-overrides.csv");
        Files.writeString(f, content);
        return f;
    }

    @Test
    void commentsBlankLinesQuotesAndAnOptionalNote() throws Exception {
        Path f = write("""
                # fixes
                deal_source,deal_id,lead,note

                salesforce, 006A ,jane@acme.com,"booth, day 2"
                salesforce,006B,-
                """);
        assertThat(LinkOverrideRepository.read(f)).containsExactly(
                new LinkOverrideRepository.Override("salesforce", "006A", "jane@acme.com", "booth, day 2"),
                new LinkOverrideRepository.Override("salesforce", "006B", "-", null));
    }

    @Test
    void aBadLineNamesTheFileAndTheLine() throws Exception {
        assertThatThrownBy(() -> LinkOverrideRepository.read(write("deal_source,deal_id,lead\nsalesforce,006A,\n")))
                .isInstanceOf(JobsConfigException.class).hasMessageContaining("line 2").hasMessageContaining("'lead' is empty");
        assertThatThrownBy(() -> LinkOverrideRepository.read(write("deal_source,deal_id,lead\ns,1,a@b.com\ns,1,c@d.com\n")))
                .hasMessageContaining("line 3").hasMessageContaining("listed twice");
        assertThatThrownBy(() -> LinkOverrideRepository.read(write("source,id,lead\ns,1,a@b.com\n")))
                .hasMessageContaining("the header must be deal_source,deal_id,lead,note");
    }
}
