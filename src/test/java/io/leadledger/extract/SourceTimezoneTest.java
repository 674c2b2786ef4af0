package io.leadledger.extract;

import io.leadledger.jobs.MappingProfile;
import io.leadledger.jobs.SourceKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 10 point 4: a source's timezone: its wall-clock times are read in it and given in the tenant's zone. */
class SourceTimezoneTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** Expected by hand: Berlin is UTC+1 in winter (+2 from 29 March 2026); New York UTC-5, UTC-4 from 8 March. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "yyyy-MM-dd HH:mm:ss | 2026-03-01 03:30:00        | 2026-02-28T21:30",  // +1 -> -5: 6 hours back, a month earlier
            "yyyy-MM-dd HH:mm:ss | 2026-03-10 12:00:00        | 2026-03-10T07:00",  // +1 -> -4: 5 hours
            "yyyy-MM-dd HH:mm:ss | 2026-04-01 12:00:00        | 2026-04-01T06:00",  // +2 -> -4: 6 hours
            "ISO                 | 2026-03-01T03:30:00        | 2026-02-28T21:30",  // ISO without offset: the source's zone
            "ISO                 | 2026-03-20T10:00:00Z       | 2026-03-20T06:00",  // an explicit offset wins
            "ISO                 | 2026-03-20T10:00:00+05:00  | 2026-03-20T01:00",
            "d.M.yyyy H:mm       | 1.3.2026 3:30              | 2026-02-28T21:30",  // a non-fixed-width pattern
            "yyyy-MM-dd          | 2026-03-01                 | 2026-03-01T00:00",  // a calendar day is that day
            "yyyy-MM             | 2026-03                    | 2026-03-01T00:00",
            "excel               | 46082.1458333333           | 2026-02-28T21:30"}) // 2026-03-01 03:30 as a serial
    void wallClockTimesAreTheSourcesZone(String format, String value, String expected) {
        FieldReader f = new FieldReader(mapping(format, "Europe/Berlin"), NEW_YORK);
        assertThat(f.dateTime(row(value), "createdAt", true)).isEqualTo(LocalDateTime.parse(expected));
    }

    @Test
    void withoutATimezoneTheTenantsZoneIsTheSources() {
        FieldReader f = new FieldReader(mapping("yyyy-MM-dd HH:mm:ss", null), NEW_YORK);
        assertThat(f.dateTime(row("2026-03-01 03:30:00"), "createdAt", true)).isEqualTo(LocalDateTime.parse("2026-03-01T03:30"));
    }

    @Test
    void monthOnlyValuesAreRecognised() {
        FieldReader f = new FieldReader(mapping("yyyy-MM", null).overriddenBy(null), NEW_YORK);
        assertThat(f.monthOnly(row("2026-03"), "createdAt")).isTrue();
        FieldReader days = new FieldReader(new MappingProfile("t", SourceKind.SPEND, "csv", null, null, null, null, null,
                List.of("yyyy-MM-dd", "yyyy-MM"), null, null, Map.of("createdAt", "When"), null, null, null, null, null),
                NEW_YORK);
        assertThat(days.monthOnly(row("2026-03-05"), "createdAt")).isFalse();
        assertThat(days.monthOnly(row("2026-03"), "createdAt")).isTrue();
    }

    @Test
    void aMisspeltZoneIsRefused() {
        assertThatThrownBy(() -> mapping("ISO", "Europe/Berlinn"))
                .hasMessageContaining("timezone 'Europe/Berlinn' is not an IANA time zone");
    }

    private static MappingProfile mapping(String format, String zone) {
        return new MappingProfile("t", SourceKind.LEADS, "csv", null, null, null, null, null, List.of(format), null, null,
                Map.of("createdAt", "When"), null, null, null, null, null, zone, null, null, null, null);
    }

    private static RawRecord row(String value) {
        return new RawRecord("t.csv", 2, Header.of(List.of("Id", "When")), new String[] {"1", value});
    }
}
