package io.leadledger.report.xlsx;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The limits SXSSF enforced on a sheet hold for the rows written straight as XML. */
class DetailSheetWriterTest {

    @Test
    void aSheetHoldsAtMostExcelsRowsAndCellsAtMostItsTextLength() throws Exception {
        DetailSheetWriter w = new DetailSheetWriter();
        try {
            for (int i = 0; i < 1_048_576; i++) {
                w.startRow();
                w.endRow();
            }
            assertEquals(1_048_576, w.rows());
            assertThatThrownBy(w::startRow).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("outside allowable range (0..1048575)");
            assertThatThrownBy(() -> w.text(0, "x".repeat(32_768), 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("32767");
        } finally {
            w.discard();
        }
    }
}
