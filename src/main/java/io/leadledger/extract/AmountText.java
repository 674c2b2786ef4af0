package io.leadledger.extract;

import java.math.BigDecimal;

/**
 * An amount as exports write it — "1234.56", "1,234.56", "-1 234,56", "1'234.56" — with the decimal separator
 * the profile names and the other of '.' ',' as thousands separator. Digit grouping is checked, so a value in
 * the other convention is refused instead of misread by a factor of 100 or 1000 ("1.234,56" or "1,5" under a
 * "." profile; "1234.56" under a "," profile). Groups of two are allowed before the last group (1,23,456.78).
 * A character loop, no regex: this runs per row.
 */
final class AmountText {

    private AmountText() {
    }

    /** @throws NumberFormatException when the text is not an amount in this convention */
    static BigDecimal parse(String text, char decimalSeparator) {
        char group = decimalSeparator == ',' ? '.' : ',';
        StringBuilder b = new StringBuilder(text.length());
        int run = 0; // integer digits since the start or the last thousands separator
        boolean grouped = false;
        boolean digits = false;
        boolean decimals = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
                digits = true;
                run++;
            } else if (c == decimalSeparator && !decimals) {
                requireLastGroup(grouped, run, text);
                decimals = true;
                b.append('.');
            } else if (c == group && !decimals && (grouped ? run == 2 || run == 3 : run >= 1 && run <= 3)) {
                grouped = true;
                run = 0;
            } else if ((c == '-' || c == '+') && b.length() == 0) {
                b.append(c);
            } else if (c != '\'' && !CellText.isSpace(c)) { // spaces and apostrophes group digits too (fr, ch)
                throw new NumberFormatException(text);
            }
        }
        if (!decimals) {
            requireLastGroup(grouped, run, text);
        }
        if (!digits) {
            throw new NumberFormatException(text);
        }
        return new BigDecimal(b.toString());
    }

    private static void requireLastGroup(boolean grouped, int run, String text) {
        if (grouped && run != 3) {
            throw new NumberFormatException(text);
        }
    }
}
