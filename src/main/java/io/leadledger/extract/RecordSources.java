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
            checkColumns(def, src, parser(def, ZoneId.of("UTC")));
        } catch (RuntimeException e) {
            src.close();
            throw e;
        }
        return src;
    }

    public static RowParser parser(SourceDefinition def, ZoneId zone) {
        FieldReader f = new FieldReader(def.mapping(), zone);
        return switch (def.kind()) {
            case LEADS -> new LeadParser(f);
            case DEALS -> new DealParser(f);
            case SPEND -> new SpendParser(f);
        };
    }

    /** A file missing a required column fails its source, listing what was found and what was expected. */
    static void checkColumns(SourceDefinition def, RecordSource src, RowParser parser) {
        var m = def.mapping();
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
                    + missing + "; columns found: " + src.header().names().stream().filter(s -> !s.isEmpty()).toList()
                    + "; columns expected by the mapping: " + m.columnsOrEmpty().values());
        }
    }
}
