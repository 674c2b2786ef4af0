package io.leadledger.extract;

import io.leadledger.jobs.MappingProfile;
import io.leadledger.jobs.SourceKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Staging keeps every cell once: mapped cells in typed columns, everything else in raw_row. */
class UnheldCellsTest {

    private static final Header HEADER = Header.of(List.of("Record ID", "Email", "Won time", "Expected close",
            "Favourite colour", "", "Notes", "Notes"));
    private static final MappingProfile MAPPING = new MappingProfile("t", SourceKind.DEALS, "csv", null, null, null,
            null, null, null, null, null,
            Map.of("id", "Record ID", "email", "email", "closeDate", "Won time | Expected close", "notes", "Notes"),
            null, null, null, null, null);

    private static String json(String... cells) {
        return new UnheldCells(MAPPING, HEADER).json(new RawRecord("f.csv", 2, HEADER, cells));
    }

    @Test
    void mappedCellsAreNotRepeated() {
        assertNull(json("42", "a@b.com", "", "", "", "", "n", ""));
    }

    @Test
    void unmappedAlternativeUnnamedAndRepeatedColumnsAreKept() {
        assertEquals("{\"Won time\":\"2026-01-02\",\"Expected close\":\"2026-03-01\",\"Favourite colour\":\"blue\","
                        + "\"column 6\":\"x\",\"Notes (column 8)\":\"second\"}",
                json("42", "a@b.com", "2026-01-02", "2026-03-01", "blue", "x", "first", "second"));
    }

    @Test
    void textLongerThanTheNarrowestColumnIsKeptWhole() {
        String longId = "9".repeat(150);
        assertEquals("{\"Record ID\":\"" + longId + "\"}", json(longId, "a@b.com"));
    }

    @Test
    void quotesAndControlCharactersAreEscaped() {
        assertEquals("{\"Favourite colour\":\"say \\\"hi\\\"\\n=1+1\"}", json("1", "", "", "", "say \"hi\"\n=1+1"));
    }
}
