package io.leadledger.extract;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * A row's cells as a JSON object for raw_row, at most {@link ImportLimits#MAX_RAW_ROW_CHARS} characters: cells
 * are kept whole while they fit, the cell that crosses the bound is cut with a marker giving its full length,
 * and the cells after it are dropped with a count. So a 10 MB cell or a 100,000-cell row can still be shown in
 * quarantine, and raw_row always fits its column.
 */
public final class RawRowJson {

    /** Room kept at the end for the "cells not kept" note. */
    private static final int RESERVE = 48;

    private final int max;
    private final StringBuilder b = new StringBuilder(64).append('{');
    private int cells;
    private int dropped;
    private boolean full;

    public RawRowJson() {
        this(ImportLimits.MAX_RAW_ROW_CHARS);
    }

    RawRowJson(int max) {
        this.max = max;
    }

    public boolean isEmpty() {
        return cells == 0 && dropped == 0;
    }

    public RawRowJson put(String name, String cell) {
        if (full) {
            dropped++;
            return this;
        }
        int start = b.length();
        if (cells > 0) {
            b.append(',');
        }
        quote(name).append(':');
        int room = max - RESERVE - b.length() - 3; // the quotes and the closing brace
        if (room < 16) {
            b.setLength(start);
            full = true;
            dropped++;
            return this;
        }
        if (cell == null) {
            b.append("null");
        } else {
            int before = b.length();
            b.append('"');
            JsonStringEncoder.getInstance().quoteAsString(cell, b);
            if (b.length() - before - 1 > room) {
                b.setLength(before + 1);
                String marker = String.format(ImportLimits.CUT_MARKER, cell.length());
                int limit = before + 1 + room - marker.length() - 2;
                char[] one = new char[2];
                for (int i = 0; i < cell.length(); i++) {
                    int n = Character.isHighSurrogate(cell.charAt(i)) && i + 1 < cell.length() ? 2 : 1;
                    cell.getChars(i, i + n, one, 0);
                    int mark = b.length();
                    JsonStringEncoder.getInstance().quoteAsString(new String(one, 0, n), b);
                    if (b.length() > limit) {
                        b.setLength(mark);
                        break;
                    }
                    i += n - 1;
                }
                JsonStringEncoder.getInstance().quoteAsString(marker, b);
                full = true;
            }
            b.append('"');
        }
        cells++;
        return this;
    }

    private StringBuilder quote(String s) {
        b.append('"');
        JsonStringEncoder.getInstance().quoteAsString(ImportLimits.cut(s, 200), b);
        return b.append('"');
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(b);
        if (dropped > 0) {
            if (cells > 0) {
                out.append(',');
            }
            out.append("\"…\":\"").append(dropped).append(" more cells not kept\"");
        }
        return out.append('}').toString();
    }
}
