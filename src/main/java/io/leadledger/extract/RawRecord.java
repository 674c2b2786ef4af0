package io.leadledger.extract;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One data row as received. rowNum is the row a user sees for it: the record number in a CSV
 * (header and title lines included, as a spreadsheet shows it), the sheet row in an XLSX.
 */
public record RawRecord(String file, long rowNum, Header header, String[] cells) {

    /** The cell under a column header (matched ignoring case and spacing), or null when absent or blank. */
    public String get(String column) {
        int i = header.indexOf(column);
        if (i < 0 || i >= cells.length) {
            return null;
        }
        String v = cells[i];
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** The row as received, keyed by the file's own headers, for staging and quarantine. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < header.names().size(); i++) {
            String name = header.names().get(i);
            if (!name.isEmpty() || (i < cells.length && cells[i] != null && !cells[i].isEmpty())) {
                m.put(name.isEmpty() ? "column " + (i + 1) : name, i < cells.length ? cells[i] : null);
            }
        }
        for (int i = header.names().size(); i < cells.length; i++) {
            if (cells[i] != null && !cells[i].isEmpty()) {
                m.put("column " + (i + 1), cells[i]);
            }
        }
        return m;
    }
}
