package io.leadledger.jobs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to read one kind of export: which column holds which field and how values are written.
 * Built-in profiles are YAML files under classpath profiles/; a source in jobs/ names one and may
 * override any setting. Null means "not set" so that overrides merge field by field.
 *
 * @param columns   logical field (id, email, createdAt, amount, ...) -> column header in the file
 * @param constants logical field -> fixed value for every row (e.g. channel: Paid search)
 */
public record MappingProfile(String name, SourceKind kind, String format,
                             @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = HeaderRowSetting.class)
                             Integer headerRow, String delimiter,
                             String encoding, String sheet, Boolean stopAtBlankRow, List<String> dateFormats,
                             String decimalSeparator, String defaultCurrency, Map<String, String> columns,
                             Map<String, String> constants, List<String> rejectedStatuses,
                             List<String> wonStages, List<String> lostStages, List<String> trueValues) {

    /** This profile with every setting {@code override} sets replacing ours; column maps are merged. */
    public MappingProfile overriddenBy(MappingProfile o) {
        if (o == null) {
            return this;
        }
        Map<String, String> cols = new LinkedHashMap<>(columns == null ? Map.of() : columns);
        if (o.columns != null) {
            cols.putAll(o.columns);
        }
        Map<String, String> consts = new LinkedHashMap<>(constants == null ? Map.of() : constants);
        if (o.constants != null) {
            consts.putAll(o.constants);
        }
        return new MappingProfile(pick(o.name, name), pick(o.kind, kind), pick(o.format, format),
                pick(o.headerRow, headerRow), pick(o.delimiter, delimiter), pick(o.encoding, encoding),
                pick(o.sheet, sheet), pick(o.stopAtBlankRow, stopAtBlankRow), pick(o.dateFormats, dateFormats),
                pick(o.decimalSeparator, decimalSeparator), pick(o.defaultCurrency, defaultCurrency), cols, consts,
                pick(o.rejectedStatuses, rejectedStatuses), pick(o.wonStages, wonStages),
                pick(o.lostStages, lostStages), pick(o.trueValues, trueValues));
    }

    private static <T> T pick(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }

    public Map<String, String> columnsOrEmpty() {
        return columns == null ? Map.of() : columns;
    }

    public Map<String, String> constantsOrEmpty() {
        return constants == null ? Map.of() : constants;
    }

    public int headerRowOrDefault() {
        return headerRow == null ? 1 : headerRow;
    }

    /** headerRow: auto - the first of the top rows that has the mapping's required columns. */
    public boolean headerRowAuto() {
        return headerRow != null && headerRow == HeaderRowSetting.AUTO;
    }
}
