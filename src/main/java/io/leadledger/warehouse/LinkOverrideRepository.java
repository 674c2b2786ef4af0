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
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
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
 * <p>The operations console writes rows of origin 'console' ({@link #setFromConsole}) with who set them and a note,
 * each also kept in link_override_audit; the reconcile reads them exactly as it reads the file's.
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

    public static final String CONSOLE = "console";
    /** The lead of a "this deal has no lead" override. */
    public static final String NO_LEAD = "-";

    /** A deal's override as stored, with where it came from and, for the console's, who set it when. */
    public record Stored(String dealSource, String dealId, String lead, String note, String origin, String setBy,
                         LocalDateTime setAt) {
    }

    /** One link or "no lead" given in the console. */
    public record AuditEntry(long id, String dealSource, String dealId, String lead, String previous, String note,
                             String setBy, LocalDateTime setAt) {
    }

    /**
     * Links a deal to {@code lead} (or {@link #NO_LEAD}) from the console: the deal's override row becomes this one
     * (origin 'console', who and when), and the change is audited. Effective on the next reconcile; a line of
     * link-overrides.csv for the same deal wins at the next sync, as it does over any row not from the file.
     */
    public void setFromConsole(String tenant, String dealSource, String dealId, String lead, String note, String user,
                               LocalDateTime at) {
        String previous = find(tenant, dealSource, dealId).map(Stored::lead).orElse(null);
        Timestamp when = Timestamp.valueOf(at.withNano(0));
        String cutNote = note == null || note.length() <= 500 ? note : note.substring(0, 500);
        jdbc.update("INSERT INTO link_override (tenant, source_name, record_id, lead_key, note, origin, set_by, set_at) "
                + "VALUES (?,?,?,?,?,?,?,?) " + dialect.onDuplicateKeyUpdate("lead_key", "note", "origin", "set_by", "set_at"),
                tenant, dealSource, dealId, lead, cutNote, CONSOLE, user, when);
        jdbc.update("INSERT INTO link_override_audit (tenant, source_name, record_id, lead_key, previous_key, note, set_by, "
                + "set_at) VALUES (?,?,?,?,?,?,?,?)", tenant, dealSource, dealId, lead, previous, cutNote, user, when);
    }

    public Optional<Stored> find(String tenant, String dealSource, String dealId) {
        return jdbc.query("SELECT source_name, record_id, lead_key, note, origin, set_by, set_at FROM link_override "
                        + "WHERE tenant = ? AND source_name = ? AND record_id = ?",
                (rs, i) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toLocalDateTime()),
                tenant, dealSource, dealId).stream().findFirst();
    }

    /** The console's links of the tenant, newest first; of one deal when {@code dealSource} and {@code dealId} are given. */
    public List<AuditEntry> audit(String tenant, String dealSource, String dealId, int limit) {
        String where = dealSource == null ? "" : " AND source_name = ? AND record_id = ?";
        Object[] args = dealSource == null ? new Object[] {tenant, limit} : new Object[] {tenant, dealSource, dealId, limit};
        return jdbc.query("SELECT id, source_name, record_id, lead_key, previous_key, note, set_by, set_at "
                        + "FROM link_override_audit WHERE tenant = ?" + where + " ORDER BY id DESC LIMIT ?",
                (rs, i) -> new AuditEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getTimestamp(8).toLocalDateTime()), args);
    }

    /** Replaces the tenant's file overrides with those of {@code file} (none when it does not exist); returns how many. */
    public int load(String tenant, Path file) {
        List<Override> rows = Files.exists(file) ? read(file) : List.of();
        jdbc.update("DELETE FROM link_override WHERE tenant = ? AND origin = 'file'", tenant);
        List<Object[]> args = new ArrayList<>(rows.size());
        for (Override o : rows) {
            args.add(new Object[] {tenant, o.dealSource(), o.dealId(), o.lead(), o.note()});
        }
        // the file wins over a console row of the same deal, who set that one goes with it
        jdbc.batchUpdate("INSERT INTO link_override (tenant, source_name, record_id, lead_key, note, origin, set_by, set_at) "
                + "VALUES (?,?,?,?,?,'file',NULL,NULL) "
                + dialect.onDuplicateKeyUpdate("lead_key", "note", "origin", "set_by", "set_at"), args);
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
