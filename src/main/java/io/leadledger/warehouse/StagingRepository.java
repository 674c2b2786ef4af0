package io.leadledger.warehouse;

import io.leadledger.extract.Deal;
import io.leadledger.extract.Lead;
import io.leadledger.extract.ParsedRow;
import io.leadledger.extract.Spend;
import io.leadledger.extract.UnheldCells;
import io.leadledger.jobs.SourceKind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes parsed rows into the staging tables by natural key (tenant, source, record id) with one JDBC
 * batch per chunk: a re-delivered or changed row replaces its earlier version, never duplicates it.
 */
@Repository
public class StagingRepository {

    private static final String LEAD_INSERT = """
            INSERT INTO stg_lead (tenant, source_name, record_id, email, email_norm, first_name, last_name, company,
              created_at, source_raw, source_detail, campaign, lead_status, lifecycle_stage, handed_at, accepted_at,
              first_touch_at, rejected, rejection_reason, owner_name, is_deleted, merged_ids, source_file, row_num, run_id,
              raw_row)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""";

    private static final String DEAL_INSERT = """
            INSERT INTO stg_deal (tenant, source_name, record_id, deal_name, account_name, contact_email, email_norm,
              lead_ref, stage, is_closed, is_won, amount, currency, created_at, close_date, owner_name, loss_reason,
              lead_source_raw, is_deleted, account_domain, source_file, row_num, run_id, raw_row)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""";

    private static final String SPEND_INSERT = """
            INSERT INTO stg_spend (tenant, source_name, record_id, spend_date, channel_raw, campaign, amount, currency,
              source_file, row_num, run_id, raw_row, month_only)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)""";

    private static final String QUARANTINE_INSERT = """
            INSERT INTO quarantine (tenant, run_id, source_name, source_file, row_num, field_name, raw_value, reason,
              raw_row, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)""";

    /** The natural key: every other column is replaced by a re-delivered row. */
    private static final List<String> KEY = List.of("tenant", "source_name", "record_id");

    private final JdbcTemplate jdbc;
    private final javax.sql.DataSource dataSource;
    private final Clock clock;
    private final boolean bulkLoad;
    private final String leadUpsert;
    private final String dealUpsert;
    private final String spendUpsert;

    public StagingRepository(JdbcTemplate jdbc, javax.sql.DataSource dataSource, Dialect dialect, Clock clock) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.clock = clock;
        this.bulkLoad = bulkLoadEnabled(dataSource);
        this.leadUpsert = upsert(LEAD_INSERT, dialect);
        this.dealUpsert = upsert(DEAL_INSERT, dialect);
        this.spendUpsert = upsert(SPEND_INSERT, dialect);
    }

    private static String upsert(String insert, Dialect dialect) {
        return insert + "\n" + dialect.onDuplicateKeyUpdate(
                columns(insert).stream().filter(c -> !KEY.contains(c)).toArray(String[]::new));
    }

    /** MySQL/MariaDB with allowLoadLocalInfile=true on the URL: stage chunks with LOAD DATA. */
    private static boolean bulkLoadEnabled(javax.sql.DataSource ds) {
        try (java.sql.Connection c = ds.getConnection()) {
            String url = c.getMetaData().getURL();
            return url.startsWith("jdbc:mysql:") && url.toLowerCase(java.util.Locale.ROOT).contains("allowloadlocalinfile=true");
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    /** The column list of an INSERT statement, for the LOAD DATA path. */
    private static List<String> columns(String insert) {
        String cols = insert.substring(insert.indexOf('(') + 1, insert.indexOf(')'));
        return java.util.Arrays.stream(cols.split(",")).map(String::trim).toList();
    }

    private static String table(String insert) {
        return insert.substring("INSERT INTO ".length(), insert.indexOf('(')).trim();
    }

    /** Encodes rows for their staging table; safe to call from any thread (no database access). */
    public PreparedRows prepare(String tenant, String source, SourceKind kind, long runId, List<ParsedRow> rows,
                                UnheldCells unheld) {
        List<Object[]> args = new ArrayList<>(rows.size());
        for (ParsedRow r : rows) {
            String raw = unheld.json(r.raw());
            args.add(switch (kind) {
                case LEADS -> leadArgs(tenant, source, runId, r, (Lead) r.value(), raw);
                case DEALS -> dealArgs(tenant, source, runId, r, (Deal) r.value(), raw);
                case SPEND -> spendArgs(tenant, source, runId, r, (Spend) r.value(), raw);
            });
        }
        if (bulkLoad) {
            return new PreparedRows(kind, rows.size(), MySqlBulkLoader.tsv(args), null);
        }
        for (Object[] a : args) {
            for (int i = 0; i < a.length; i++) {
                if (a[i] instanceof LocalDateTime t) {
                    a[i] = Timestamp.valueOf(t);
                } else if (a[i] instanceof java.time.LocalDate d) {
                    a[i] = java.sql.Date.valueOf(d);
                }
            }
        }
        return new PreparedRows(kind, rows.size(), null, args);
    }

    /** Upserts prepared rows by natural key, in the caller's transaction. */
    public void write(PreparedRows rows) {
        write(rows, jdbc);
    }

    /**
     * The connection of the caller's transaction (Spring's, bound to this thread), for staging from a second thread
     * within that transaction; give it back with {@link #release(java.sql.Connection)} on this thread.
     */
    public java.sql.Connection transactionConnection() {
        return org.springframework.jdbc.datasource.DataSourceUtils.getConnection(dataSource);
    }

    public void release(java.sql.Connection connection) {
        org.springframework.jdbc.datasource.DataSourceUtils.releaseConnection(connection, dataSource);
    }

    /**
     * Upserts prepared rows on {@code connection}, a transaction's connection another thread holds: the rows commit
     * or roll back with that transaction. The two threads must not use the connection at the same time.
     */
    public void write(PreparedRows rows, java.sql.Connection connection) {
        write(rows, new JdbcTemplate(new org.springframework.jdbc.datasource.SingleConnectionDataSource(connection, true)));
    }

    private void write(PreparedRows rows, JdbcTemplate jdbc) {
        if (rows.size() == 0) {
            return;
        }
        String sql = switch (rows.kind()) {
            case LEADS -> leadUpsert;
            case DEALS -> dealUpsert;
            case SPEND -> spendUpsert;
        };
        if (rows.tsv() != null) {
            MySqlBulkLoader.replaceInto(jdbc, table(sql), columns(sql), rows.tsv());
        } else {
            jdbc.batchUpdate(sql, rows.args());
        }
    }

    private static String table(SourceKind kind) {
        return switch (kind) {
            case LEADS -> "stg_lead";
            case DEALS -> "stg_deal";
            case SPEND -> "stg_spend";
        };
    }

    /** stagingFollowsFiles: what an earlier version of this file staged, before its new version is staged. */
    public int dropFileRows(String tenant, String source, SourceKind kind, String file) {
        // a workbook's rows name their sheet too ("leads.xlsx#Contacts")
        return jdbc.update("DELETE FROM " + table(kind) + " WHERE tenant = ? AND source_name = ? AND (source_file = ?"
                + " OR source_file LIKE ?)", tenant, source, cut(file, 1000), likePrefix(file) + "#%");
    }

    private static String likePrefix(String path) {
        return cut(path, 990).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** stagingFollowsFiles: rows staged from files the source no longer delivers. */
    public int dropRowsOfOtherFiles(String tenant, String source, SourceKind kind, List<String> files) {
        if (files.isEmpty()) {
            return 0;
        }
        List<Object> args = new ArrayList<>(List.of(tenant, source));
        StringBuilder where = new StringBuilder();
        for (String f : files) {
            where.append(" AND source_file <> ? AND source_file NOT LIKE ?");
            args.add(cut(f, 1000));
            args.add(likePrefix(f) + "#%");
        }
        return jdbc.update("DELETE FROM " + table(kind) + " WHERE tenant = ? AND source_name = ?" + where, args.toArray());
    }

    public void quarantine(String tenant, String source, long runId, List<ParsedRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(clock).withNano(0));
        List<Object[]> args = new ArrayList<>(rows.size());
        for (ParsedRow r : rows) {
            args.add(new Object[] {tenant, runId, source, cut(r.raw().file(), 1000), r.raw().rowNum(),
                    cut(r.rejection().field(), 100), cut(r.rejection().rawValue(), 1000),
                    cut(r.rejection().getMessage(), 1000), rawObject(r), now});
        }
        jdbc.batchUpdate(QUARANTINE_INSERT, args);
    }

    private Object[] leadArgs(String tenant, String source, long runId, ParsedRow r, Lead l, String raw) {
        return new Object[] {tenant, source, l.recordId(), l.email(), l.emailNorm(), l.firstName(), l.lastName(),
                l.company(), l.createdAt(), l.sourceRaw(), l.sourceDetail(), l.campaign(), l.status(),
                l.lifecycleStage(), l.handedAt(), l.acceptedAt(), l.firstTouchAt(), l.rejected() ? 1 : 0,
                l.rejectionReason(), l.owner(), l.deleted() ? 1 : 0, l.mergedIds(), cut(r.raw().file(), 1000),
                r.raw().rowNum(), runId, raw};
    }

    private Object[] dealArgs(String tenant, String source, long runId, ParsedRow r, Deal d, String raw) {
        return new Object[] {tenant, source, d.recordId(), d.name(), d.account(), d.contactEmail(), d.emailNorm(),
                d.leadRef(), d.stage(), d.closed() ? 1 : 0, d.won() ? 1 : 0, d.amount(), d.currency(),
                d.createdAt(), d.closeDate(), d.owner(), d.lossReason(), d.leadSource(),
                d.deleted() ? 1 : 0, d.accountDomain(), cut(r.raw().file(), 1000), r.raw().rowNum(), runId, raw};
    }

    private Object[] spendArgs(String tenant, String source, long runId, ParsedRow r, Spend s, String raw) {
        return new Object[] {tenant, source, s.recordId(), s.date(), s.channel(), s.campaign(),
                s.amount(), s.currency(), cut(r.raw().file(), 1000), r.raw().rowNum(), runId, raw, s.monthOnly() ? 1 : 0};
    }

    /** Quarantine rows are read by people: there the row keeps its column names. */
    private String rawObject(ParsedRow r) {
        io.leadledger.extract.RawRowJson row = new io.leadledger.extract.RawRowJson();
        r.raw().asMap().forEach(row::put); // bounded, so a 10 MB cell or a 100,000-cell row still fits raw_row
        return row.toString();
    }

    private static String cut(String v, int max) {
        return io.leadledger.extract.ImportLimits.cut(v, max);
    }
}
