package io.leadledger.extract;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One data row as received: cells are never interpreted (a value starting with = + - @ is just text).
 * rowNum is the row a user sees for it: the record number in a CSV (header and title lines included,
 * a quoted multi-line field counting once, as a spreadsheet shows it), the sheet row in an XLSX.
 * A row may have fewer or more cells than the header.
 */
public record RawRecord(String file, long rowNum, Header header, String[] cells) {

    /** The cell under a column header (matched ignoring case and spacing), trimmed, or null when absent or blank. */
    public String get(String column) {
        if (column.contains(" | ")) {
            // alternatives: the first that has a value in this row (e.g. won time, else expected close)
            for (String alt : header.alternatives(column)) {
                String v = get(alt);
                if (v != null) {
                    return v;
                }
            }
            return null;
        }
        int i = header.indexOf(column);
        if (i < 0 || i >= cells.length) {
            return null;
        }
        String v = cells[i];
        if (v == null) {
            return null;
        }
        String s = CellText.strip(v);
        return s.isEmpty() ? null : s;
    }

    /**
     * The row as received, keyed by the file's own headers, for staging and quarantine. Cells without a header
     * name (or beyond the header) are keyed "column N" when they hold something; a repeated header name gets
     * its column number so no cell is lost.
     */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        int named = header.names().size();
        for (int i = 0; i < Math.max(named, cells.length); i++) {
            String name = i < named ? header.names().get(i) : "";
            String cell = i < cells.length ? cells[i] : null;
            if (name.isEmpty()) {
                if (cell != null && !cell.isEmpty()) {
                    m.put("column " + (i + 1), cell);
                }
            } else {
                m.put(m.containsKey(name) ? name + " (column " + (i + 1) + ")" : name, cell);
            }
        }
        return m;
    }
}
