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
 * @param timezone  IANA zone the export writes local wall-clock times in (the tool account's or exporting
 *                  user's zone); null: the tenant's. A value with an explicit offset or zone keeps its own.
 * @param leadRefSources deals: the lead source(s) of nightly-sync.yml whose record ids the deal's leadRef
 *                  names; null: any lead source (an id found in several is then ambiguous)
 * @param leadRefProfile deals, built-in profiles: the lead profile the leadRef points into (e.g.
 *                  hubspot-contacts); it stands for every lead source of the tenant read with that profile,
 *                  when leadRefSources is not set
 * @param spendFxDate spend: the rate a row dated by month only (yyyy-MM) is converted at:
 *                  month-average (default), first-business-day or row-date (the 1st, last rate before it)
 * @param handedAt  leads: "createdAt" when the export has no hand-off (MQL) date: a lead is handed on creation
 */
public record MappingProfile(String name, SourceKind kind, String format,
                             @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = HeaderRowSetting.class)
                             Integer headerRow, String delimiter,
                             String encoding, String sheet, Boolean stopAtBlankRow, List<String> dateFormats,
                             String decimalSeparator, String defaultCurrency, Map<String, String> columns,
                             Map<String, String> constants, List<String> rejectedStatuses,
                             List<String> wonStages, List<String> lostStages, List<String> trueValues,
                             String timezone, List<String> leadRefSources, String leadRefProfile, String spendFxDate,
                             String handedAt) {

    public static final List<String> SPEND_FX_DATES = List.of("month-average", "first-business-day", "row-date");

    public MappingProfile {
        if (timezone != null) {
            try {
                java.time.ZoneId.of(timezone);
            } catch (java.time.DateTimeException e) {
                throw new IllegalArgumentException("timezone '" + timezone + "' is not an IANA time zone (e.g. Europe/Berlin)");
            }
        }
        if (spendFxDate != null && !SPEND_FX_DATES.contains(spendFxDate)) {
            throw new IllegalArgumentException("spendFxDate '" + spendFxDate + "' must be one of " + SPEND_FX_DATES);
        }
        if (handedAt != null && !handedAt.equals("createdAt")) {
            throw new IllegalArgumentException("handedAt '" + handedAt + "' can only be createdAt (map a hand-off"
                    + " date column as columns.handedAt instead)");
        }
    }

    /** Without the per-source settings of issue 10 (time zone, lead-ref scope, spend FX date, hand-off). */
    public MappingProfile(String name, SourceKind kind, String format, Integer headerRow, String delimiter,
                          String encoding, String sheet, Boolean stopAtBlankRow, List<String> dateFormats,
                          String decimalSeparator, String defaultCurrency, Map<String, String> columns,
                          Map<String, String> constants, List<String> rejectedStatuses,
                          List<String> wonStages, List<String> lostStages, List<String> trueValues) {
        this(name, kind, format, headerRow, delimiter, encoding, sheet, stopAtBlankRow, dateFormats, decimalSeparator,
                defaultCurrency, columns, constants, rejectedStatuses, wonStages, lostStages, trueValues,
                null, null, null, null, null);
    }

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
                pick(o.lostStages, lostStages), pick(o.trueValues, trueValues), pick(o.timezone, timezone),
                pick(o.leadRefSources, leadRefSources), pick(o.leadRefProfile, leadRefProfile),
                pick(o.spendFxDate, spendFxDate), pick(o.handedAt, handedAt));
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

    /** The zone local wall-clock times of this source are read in: its own, else the tenant's. */
    public java.time.ZoneId zoneOr(java.time.ZoneId tenantZone) {
        return timezone == null ? tenantZone : java.time.ZoneId.of(timezone);
    }

    public String spendFxDateOrDefault() {
        return spendFxDate == null ? "month-average" : spendFxDate;
    }

    public int headerRowOrDefault() {
        return headerRow == null ? 1 : headerRow;
    }

    /** headerRow: auto - the first of the top rows that has the mapping's required columns. */
    public boolean headerRowAuto() {
        return headerRow != null && headerRow == HeaderRowSetting.AUTO;
    }
}
