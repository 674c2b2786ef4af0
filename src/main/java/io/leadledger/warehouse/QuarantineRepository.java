package io.leadledger.warehouse;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The rows an import could not load (table quarantine), as the console lists and downloads them. */
@Repository
public class QuarantineRepository {

    private final JdbcTemplate jdbc;

    public QuarantineRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Row(long id, long runId, String source, String file, long rowNum, String field, String rawValue,
                      String reason, LocalDateTime createdAt) {
    }

    /**
     * What to show: a run or any, a source, a file, and a text found in the column, the raw value or the reason
     * (case-insensitive). Blank parts do not filter.
     */
    public record Filter(Long runId, String source, String file, String text) {

        String where(List<Object> args, String tenant) {
            StringBuilder w = new StringBuilder("WHERE q.tenant = ?");
            args.add(tenant);
            if (runId != null) {
                w.append(" AND q.run_id = ?");
                args.add(runId);
            }
            if (source != null && !source.isBlank()) {
                w.append(" AND q.source_name = ?");
                args.add(source.strip());
            }
            if (file != null && !file.isBlank()) {
                w.append(" AND q.source_file = ?");
                args.add(file.strip());
            }
            if (text != null && !text.isBlank()) {
                String like = "%" + text.strip().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%")
                        .replace("_", "!_") + "%";
                w.append(" AND (LOWER(q.field_name) LIKE ? ESCAPE '!' OR LOWER(q.raw_value) LIKE ? ESCAPE '!'"
                        + " OR LOWER(q.reason) LIKE ? ESCAPE '!')");
                args.add(like);
                args.add(like);
                args.add(like);
            }
            return w.toString();
        }
    }

    private static final String COLUMNS = "SELECT q.id, q.run_id, q.source_name, q.source_file, q.row_num, q.field_name, "
            + "q.raw_value, q.reason, q.created_at FROM quarantine q ";

    public List<Row> find(String tenant, Filter filter, int offset, int limit) {
        List<Object> args = new ArrayList<>();
        String sql = COLUMNS + filter.where(args, tenant) + " ORDER BY q.run_id DESC, q.source_name, q.source_file, q.row_num, q.id"
                + " LIMIT ? OFFSET ?";
        args.add(limit);
        args.add(offset);
        return jdbc.query(sql, (rs, i) -> row(rs), args.toArray());
    }

    public long count(String tenant, Filter filter) {
        List<Object> args = new ArrayList<>();
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM quarantine q " + filter.where(args, tenant), Long.class,
                args.toArray());
        return n == null ? 0 : n;
    }

    /** Every matching row, in the order of {@link #find}, streamed to {@code each} (a download of any size). */
    public void forEach(String tenant, Filter filter, java.util.function.Consumer<Row> each) {
        List<Object> args = new ArrayList<>();
        String sql = COLUMNS + filter.where(args, tenant) + " ORDER BY q.run_id DESC, q.source_name, q.source_file, q.row_num, q.id";
        jdbc.query(sql, (RowCallbackHandler) rs -> each.accept(row(rs)), args.toArray());
    }

    /** The sources and files with quarantined rows, for the filter's choices. */
    public List<String[]> files(String tenant, Long runId) {
        List<Object> args = new ArrayList<>(List.of(tenant));
        String run = "";
        if (runId != null) {
            run = " AND run_id = ?";
            args.add(runId);
        }
        return jdbc.query("SELECT DISTINCT source_name, source_file FROM quarantine WHERE tenant = ?" + run
                + " ORDER BY source_name, source_file", (rs, i) -> new String[] {rs.getString(1), rs.getString(2)},
                args.toArray());
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getTimestamp(9).toLocalDateTime());
    }
}
