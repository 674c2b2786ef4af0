package io.leadledger.extract;

import io.leadledger.jobs.MappingProfile;
import io.leadledger.jobs.SourceKind;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The touches contract's fields read from a row; every refusal names the file's column and says why. */
class TouchParserTest {

    private static final List<String> HEADER = List.of("Touch", "Person", "Mail", "When", "Channel", "Detail",
            "Campaign", "Kind", "Gone");
    private static final Map<String, String> COLUMNS = Map.of("id", "Touch", "personId", "Person", "email", "Mail",
            "at", "When", "source", "Channel", "sourceDetail", "Detail", "campaign", "Campaign", "type", "Kind",
            "deleted", "Gone");

    private final TouchParser parser = parser(COLUMNS);

    @Test
    void aFullRow() {
        CampaignTouch t = touch(parser, "T1", "00Q1", " Ann@Alpha.com ", "2026-03-01 09:30", "Webinar", "Spring",
                "Webinar March", "Attended", "");
        assertThat(t.recordId()).isEqualTo("T1");
        assertThat(t.personId()).isEqualTo("00Q1");
        assertThat(t.email()).isEqualTo("Ann@Alpha.com");
        assertThat(t.emailNorm()).isEqualTo("ann@alpha.com");
        assertThat(t.at()).isEqualTo(LocalDateTime.of(2026, 3, 1, 9, 30));
        assertThat(t.source()).isEqualTo("Webinar");
        assertThat(t.sourceDetail()).isEqualTo("Spring");
        assertThat(t.campaign()).isEqualTo("Webinar March");
        assertThat(t.type()).isEqualTo("Attended");
        assertThat(t.deleted()).isFalse();
        assertThat(touch(parser, "T2", "00Q1", "", "2026-03-01 09:30", "", "", "", "", "true").deleted()).isTrue();
    }

    @Test
    void eitherTheEmailOrThePersonIdIsEnough() {
        CampaignTouch byMail = touch(parser, "T1", "", "ann@alpha.com", "2026-03-01 09:30", "", "", "", "", "");
        assertThat(byMail.personId()).isNull();
        assertThat(byMail.emailNorm()).isEqualTo("ann@alpha.com");
        assertThat(byMail.source()).as("optional fields stay empty").isNull();
        CampaignTouch byId = touch(parser, "T2", "101", "", "2026-03-01 09:30", "", "", "", "", "");
        assertThat(byId.personId()).isEqualTo("101");
        assertThat(byId.emailNorm()).isNull();
    }

    @Test
    void withoutAnIdTheIdIsDerivedFromPersonTimeCampaignAndType() {
        TouchParser noIds = parser(Map.of("personId", "Person", "email", "Mail", "at", "When", "campaign", "Campaign",
                "type", "Kind"));
        String a = touch(noIds, "", "101", "", "2026-03-01 09:30", "", "", "Webinar March", "Attended", "").recordId();
        assertThat(a).as("stable: a file delivered again replaces its rows")
                .isEqualTo(touch(noIds, "", "101", "", "2026-03-01 09:30", "", "", "Webinar March", "Attended", "").recordId())
                .hasSize(40);
        assertThat(touch(noIds, "", "101", "", "2026-03-01 09:31", "", "", "Webinar March", "Attended", "").recordId())
                .as("another time").isNotEqualTo(a);
        assertThat(touch(noIds, "", "102", "", "2026-03-01 09:30", "", "", "Webinar March", "Attended", "").recordId())
                .as("another person").isNotEqualTo(a);
        assertThat(touch(noIds, "", "101", "", "2026-03-01 09:30", "", "", "Webinar April", "Attended", "").recordId())
                .as("another campaign").isNotEqualTo(a);
        assertThat(touch(noIds, "", "101", "", "2026-03-01 09:30", "", "", "Webinar March", "Registered", "").recordId())
                .as("another type").isNotEqualTo(a);
        assertThat(touch(noIds, "", "101", "", "2026-03-01 09:30", "", "", "Webinar March", "Attended", "").recordId())
                .as("the same row again is the same touch (a duplicate)").isEqualTo(a);
    }

    @Test
    void badRowsAreRefusedNamingTheColumn() {
        assertRejected(row("T1", "101", "", "", "", "", "", "", ""), "When", "required value is empty");
        assertRejected(row("T1", "101", "", "yesterday", "", "", "", "", ""), "When", "");
        assertRejected(row("T1", "", "", "2026-03-01 09:30", "Webinar", "", "", "", ""), "Mail / Person",
                "a touch needs the person's e-mail or record id; both are empty");
        assertRejected(row("T1", "", "not-an-address", "2026-03-01 09:30", "", "", "", "", ""), "Mail",
                "not an e-mail address");
        assertRejected(row("T1", "10\u00071", "", "2026-03-01 09:30", "", "", "", "", ""), "Person", "control character");
        assertRejected(row("T".repeat(129), "101", "", "2026-03-01 09:30", "", "", "", "", ""), "Touch",
                "longer than 128");
        assertRejected(row("T1", "101", "", "2026-03-01 09:30", "", "", "C".repeat(301), "", ""), "Campaign",
                "longer than 300");
    }

    private void assertRejected(RawRecord r, String column, String reason) {
        assertThatThrownBy(() -> parser.parse(r)).isInstanceOf(RowRejectedException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(((RowRejectedException) e).field()).isEqualTo(column));
    }

    private static TouchParser parser(Map<String, String> columns) {
        MappingProfile m = new MappingProfile("events", SourceKind.TOUCHES, "csv", null, null, null, null, null,
                List.of("yyyy-MM-dd HH:mm"), null, null, columns, null, null, null, null, null);
        return new TouchParser(new FieldReader(m, ZoneId.of("UTC")));
    }

    private static CampaignTouch touch(TouchParser p, String... cells) {
        return (CampaignTouch) p.parse(row(cells)).value();
    }

    private static RawRecord row(String... cells) {
        return new RawRecord("touches.csv", 2, Header.of(HEADER), cells);
    }
}
