package io.leadledger.extract;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderTest {

    @Test
    void columnLookupIgnoresCaseSpacingNbspAndInvisibles() {
        for (String written : List.of("Create Date", " create  date ", "CREATE\u00A0DATE", "\uFEFFCreate Date",
                "Create\u200B Date", "\tCreate \u202F Date\u00A0")) {
            Header h = Header.of(List.of("Id", written));
            assertThat(h.indexOf("Create Date")).as(written).isEqualTo(1);
            assertThat(h.indexOf("create  DATE")).as(written).isEqualTo(1);
        }
    }

    @Test
    void namesAreKeptAsWrittenButTrimmed() {
        Header h = Header.of(Arrays.asList("\uFEFF Record ID ", null, "Create\u00A0 Date\u00A0"));
        assertThat(h.names()).containsExactly("Record ID", "", "Create\u00A0 Date");
    }

    @Test
    void emptyNamesAreNeverFoundAndARepeatedNameFindsTheFirstColumn() {
        Header h = Header.of(List.of("Email", "", "Email", " "));
        assertThat(h.indexOf("")).isEqualTo(-1);
        assertThat(h.indexOf(" ")).isEqualTo(-1);
        assertThat(h.indexOf(null)).isEqualTo(-1);
        assertThat(h.indexOf("email")).isZero();
        // the raw row keeps both e-mail cells
        RawRecord r = new RawRecord("f.csv", 2, h, new String[] {"a@x.de", "", "b@x.de", "x"});
        assertThat(r.asMap()).containsExactly(Map.entry("Email", "a@x.de"), Map.entry("Email (column 3)", "b@x.de"),
                Map.entry("column 4", "x"));
    }
}
