package io.leadledger.extract;

import io.leadledger.jobs.SourceDefinition;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Opens the right {@link RecordSource} and {@link RowParser} for a configured source and checks its columns. */
public final class RecordSources {

    private RecordSources() {
    }

    /** How far down "headerRow: auto" looks for the header. */
    static final int AUTO_HEADER_ROWS = 25;

    public static RecordSource open(SourceDefinition def, Path file) {
        if (def.mapping().headerRowAuto()) {
            SourceFormatException last = null;
            for (int row = 1; row <= AUTO_HEADER_ROWS; row++) {
                try {
                    return open(def, file, row);
                } catch (SourceFormatException e) {
                    last = last == null ? e : last; // report the first attempt: it lists the top row's columns
                }
            }
            throw new SourceFormatException("no header with the required columns in the first " + AUTO_HEADER_ROWS
                    + " rows (headerRow: auto). " + last.getMessage());
        }
        return open(def, file, def.mapping().headerRowOrDefault());
    }

    private static RecordSource open(SourceDefinition def, Path file, int headerRow) {
        var m = def.mapping();
        RecordSource src = def.isXlsx(file)
                ? new XlsxRecordSource(file, m.sheet(), headerRow)
                : new CsvRecordSource(file, headerRow, m.delimiter(), m.encoding(),
                Boolean.TRUE.equals(m.stopAtBlankRow()));
        try {
            checkWidth(src);
            checkColumns(def, src, parser(def, ZoneId.of("UTC")));
        } catch (RuntimeException e) {
            src.close();
            throw e;
        }
        return src;
    }

    /**
     * What the header holds, by name only when it reads as a header of this format: at least two columns, each
     * a short printable name. Anything else (a system file a link pointed at, a binary, a one-column text) is
     * described by its column count alone, so no line of an unexpected file reaches a log, the audit or an alert.
     */
    static String found(Header header) {
        List<String> names = header.names().stream().filter(s -> !s.isEmpty()).toList();
        boolean looksLikeHeader = names.size() >= 2 && names.stream().allMatch(RecordSources::printableName);
        return looksLikeHeader ? "columns found: " + names
                : "the first row has " + header.names().size() + (header.names().size() == 1 ? " column" : " columns")
                + ", so the file does not read as this source's format (check the file, its delimiter and encoding)";
    }

    private static boolean printableName(String s) {
        if (s.length() > 100) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\uFFFD' || Character.getType(c) == Character.UNASSIGNED
                    || Character.getType(c) == Character.PRIVATE_USE || Character.getType(c) == Character.SURROGATE
                    && !Character.isSurrogatePair(s.charAt(Math.max(0, i - 1)), c)
                    && !(i + 1 < s.length() && Character.isSurrogatePair(c, s.charAt(i + 1)))) {
                return false;
            }
        }
        return true;
    }

    public static RowParser parser(SourceDefinition def, ZoneId zone) {
        FieldReader f = new FieldReader(def.mapping(), zone);
        return switch (def.kind()) {
            case LEADS -> new LeadParser(f);
            case DEALS -> new DealParser(f);
            case SPEND -> new SpendParser(f);
            case TOUCHES -> new TouchParser(f);
        };
    }

    /** A header wider than {@link ImportLimits#MAX_COLUMNS} is not an export we can read: one sentence, no names. */
    static void checkWidth(RecordSource src) {
        int n = src.header().names().size();
        if (n > ImportLimits.MAX_COLUMNS) {
            throw new SourceFormatException(src.location() + ": the header has " + n + " columns, more than the "
                    + ImportLimits.MAX_COLUMNS + " a file may have");
        }
    }

    /**
     * A file missing a required column fails its source, listing what was found and what was expected; a mapped
     * column the header names twice fails it too, naming both positions, unless the mapping picks one
     * ("Email (column 7)").
     */
    static void checkColumns(SourceDefinition def, RecordSource src, RowParser parser) {
        var m = def.mapping();
        for (var e : m.columnsOrEmpty().entrySet()) {
            if (e.getValue() == null || e.getValue().indexOf('*') >= 0) {
                continue;
            }
            for (String alt : e.getValue().split(" \\| ")) {
                List<Integer> at = src.header().positions(alt);
                if (at.size() > 1) {
                    throw new SourceFormatException(src.location() + " (source '" + def.name() + "'): the header names"
                            + " column '" + ImportLimits.cut(alt, 100) + "' twice, as columns " + (at.get(0) + 1)
                            + " and " + (at.get(1) + 1) + "; map the one to read as '" + ImportLimits.cut(alt, 100)
                            + " (column " + (at.get(1) + 1) + ")' (field " + e.getKey() + ")");
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (String field : parser.requiredFields()) {
            String col = m.columnsOrEmpty().get(field);
            boolean constant = m.constantsOrEmpty().containsKey(field);
            if ((col == null && !constant) || (col != null && !src.header().has(col) && !constant)) {
                missing.add(field + " -> \"" + (col == null ? "(not mapped)" : col) + "\"");
            }
        }
        if (!missing.isEmpty()) {
            throw new SourceFormatException(src.location() + " (source '" + def.name() + "'): missing required columns "
                    + missing + "; " + found(src.header()) + "; columns expected by the mapping: "
                    + m.columnsOrEmpty().values());
        }
    }
}
