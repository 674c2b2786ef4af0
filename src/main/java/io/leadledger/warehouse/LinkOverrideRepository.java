package io.leadledger.warehouse;

import io.leadledger.jobs.JobsConfigException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Manual deal -> lead links from jobs/link-overrides.csv, loaded at the start of every sync into link_override
 * (origin 'file'). The file is the whole truth for its rows: a line removed from it is removed from the table
 * on the next sync. Rows an analyst inserted by hand (origin 'manual') are kept; for the same deal the file wins.
 * <pre>
 * deal_source,deal_id,lead,note
 * salesforce,006AB000001XyZ,jane@acme.com,signed at the booth
 * salesforce,006AB000001XyQ,-,partner deal: no marketing lead
 * </pre>
 * {@code lead} is a lead key, a lead record as "source:record_id", an e-mail address of a lead record, or "-"
 * for "this deal has no lead".
 */
@Repository
public class LinkOverrideRepository {

    public static final String FILE = "link-overrides.csv";
    static final List<String> HEADER = List.of("deal_source", "deal_id", "lead", "note");

    private final JdbcTemplate jdbc;
    private final Dialect dialect;

    public LinkOverrideRepository(JdbcTemplate jdbc, Dialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    public record Override(String dealSource, String dealId, String lead, String note) {
    }

    /** Replaces the tenant's file overrides with those of {@code file} (none when it does not exist); returns how many. */
    public int load(String tenant, Path file) {
        List<Override> rows = Files.exists(file) ? read(file) : List.of();
        jdbc.update("DELETE FROM link_override WHERE tenant = ? AND origin = 'file'", tenant);
        List<Object[]> args = new ArrayList<>(rows.size());
        for (Override o : rows) {
            args.add(new Object[] {tenant, o.dealSource(), o.dealId(), o.lead(), o.note()});
        }
        jdbc.batchUpdate("INSERT INTO link_override (tenant, source_name, record_id, lead_key, note, origin) "
                + "VALUES (?,?,?,?,?,'file') " + dialect.onDuplicateKeyUpdate("lead_key", "note", "origin"), args);
        return rows.size();
    }

    /** The file's rows; a malformed line fails with the file, the line and what is wrong. */
    public static List<Override> read(Path file) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(true).setTrim(true).build();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser csv = format.parse(in)) {
            List<String> header = csv.getHeaderNames().stream().map(h -> h.strip().replace("\uFEFF", "")).toList();
            if (!header.containsAll(HEADER.subList(0, 3))) {
                throw new JobsConfigException(file + ": the header must be " + String.join(",", HEADER) + " (found "
                        + String.join(",", header) + ")");
            }
            List<Override> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (CSVRecord r : csv) {
                String where = file + " line " + r.getParser().getCurrentLineNumber();
                String source = value(r, header, "deal_source", 64, where);
                String id = value(r, header, "deal_id", 128, where);
                String lead = value(r, header, "lead", 320, where);
                String note = header.contains("note") ? optional(r, header, "note") : null;
                if (note != null && note.length() > 500) {
                    note = note.substring(0, 500);
                }
                if (!seen.add(source + "\n" + id)) {
                    throw new JobsConfigException(where + ": deal " + source + " " + id + " is listed twice");
                }
                out.add(new Override(source, id, lead, note));
            }
            return out;
        } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new JobsConfigException(file + " cannot be read as CSV: " + e.getMessage(), e);
        }
    }

    private static String value(CSVRecord r, List<String> header, String column, int max, String where) {
        String v = optional(r, header, column);
        if (v == null) {
            throw new JobsConfigException(where + ": '" + column + "' is empty");
        }
        if (v.length() > max) {
            throw new JobsConfigException(where + ": '" + column + "' is longer than " + max + " characters");
        }
        return v;
    }

    private static String optional(CSVRecord r, List<String> header, String column) {
        int i = header.indexOf(column);
        String v = i < r.size() ? r.get(i) : null;
        return v == null || v.isBlank() ? null : v.strip();
    }
}
