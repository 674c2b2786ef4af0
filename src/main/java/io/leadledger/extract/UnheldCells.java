package io.leadledger.extract;

import io.leadledger.jobs.MappingProfile;

import java.util.BitSet;

/**
 * The cells of a row that staging's typed columns do not hold, as a JSON object keyed by the file's column
 * names (null when there are none). Together with the typed columns this keeps every cell a file delivered
 * without storing each cell twice: a mapped column's value lands in its typed column (text as received,
 * dates, amounts and flags as the values they were read as); unmapped columns, columns a mapping names as
 * alternatives ("A | B": only one of them is read), and text longer than the narrowest typed column (so a
 * value cut to fit is kept whole) land here.
 */
public final class UnheldCells {

    /** The narrowest typed text column of the staging tables (lead status, stage): longer text is kept here too. */
    static final int MAX_HELD_LENGTH = 100;

    private final Header header;
    private final boolean[] held;

    public UnheldCells(MappingProfile mapping, Header header) {
        this.header = header;
        BitSet mapped = new BitSet();
        for (String column : mapping.columnsOrEmpty().values()) {
            if (column == null) {
                continue;
            }
            String[] alternatives = column.split(" \\| ");
            int present = 0;
            int index = -1;
            for (String alt : alternatives) {
                int i = header.indexOf(alt);
                if (i >= 0) {
                    present++;
                    index = i;
                }
            }
            if (present == 1) {
                mapped.set(index);
            }
        }
        held = new boolean[mapped.length()];
        mapped.stream().forEach(i -> held[i] = true);
    }

    public String json(RawRecord r) {
        String[] cells = r.cells();
        RawRowJson b = null;
        int named = header.names().size();
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i];
            if (cell == null || cell.isEmpty() || (i < held.length && held[i] && cell.length() <= MAX_HELD_LENGTH)
                    || CellText.isBlank(cell)) {
                continue;
            }
            String name = i < named && !header.names().get(i).isEmpty() ? header.names().get(i) : "column " + (i + 1);
            if (header.indexOf(name) != i && i < named && !header.names().get(i).isEmpty()) {
                name = name + " (column " + (i + 1) + ")"; // a repeated header name: keep both cells apart
            }
            b = b == null ? new RawRowJson() : b;
            b.put(name, cell); // bounded: a huge row is cut with a marker, never too long for raw_row
        }
        return b == null ? null : b.toString();
    }
}
