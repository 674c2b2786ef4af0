package io.leadledger.warehouse;

import org.springframework.batch.infrastructure.support.DatabaseType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the warehouse's server is, asked once at start (Spring Batch's {@link DatabaseType}), and the few SQL
 * phrases and driver settings that differ between H2 (MySQL mode), MariaDB and MySQL. Everything else is
 * written once for all of them.
 */
@Component
public class Dialect {

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

    private final DatabaseType type;
    private final boolean mariaDb;
    private final boolean rowAlias;

    @Autowired
    public Dialect(DataSource dataSource) throws MetaDataAccessException {
        this(DatabaseType.fromMetaData(dataSource),
                JdbcUtils.extractDatabaseMetaData(dataSource, md -> md.getDatabaseProductVersion()));
    }

    public Dialect(DatabaseType type, String version) {
        this.type = type;
        // Connector/J reports MariaDB as product "MySQL", version "5.5.5-10.11.6-MariaDB"
        this.mariaDb = type == DatabaseType.MARIADB
                || type == DatabaseType.MYSQL && version != null && version.toLowerCase(Locale.ROOT).contains("mariadb");
        this.rowAlias = type == DatabaseType.MYSQL && !mariaDb && supportsRowAlias(version);
    }

    /**
     * The row alias of {@code INSERT ... VALUES (...) AS new ON DUPLICATE KEY UPDATE c = new.c} came with MySQL
     * 8.0.19 ({@code VALUES(c)} there is deprecated from 8.0.20); MariaDB and H2 do not have it.
     */
    static boolean supportsRowAlias(String mysqlVersion) {
        if (mysqlVersion == null || mysqlVersion.toLowerCase(Locale.ROOT).contains("mariadb")) {
            return false;
        }
        Matcher m = VERSION.matcher(mysqlVersion);
        if (!m.find()) {
            return false;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        int patch = Integer.parseInt(m.group(3));
        return major > 8 || major == 8 && (minor > 0 || patch >= 19);
    }

    public boolean h2() {
        return type == DatabaseType.H2;
    }

    /** MySQL or MariaDB (the Connector/J driver). */
    public boolean mysqlFamily() {
        return type == DatabaseType.MYSQL || type == DatabaseType.MARIADB;
    }

    public boolean mariaDb() {
        return mariaDb;
    }

    public boolean rowAlias() {
        return rowAlias;
    }

    /** Fetch size for reading a large result row by row: Connector/J buffers whole results unless given MIN_VALUE. */
    public int streamingFetchSize() {
        return mysqlFamily() ? Integer.MIN_VALUE : 1000;
    }

    /** The server's current UTC time to the millisecond, the "now" ShedLock uses with usingDbTime(). */
    public String utcNow() {
        return h2() ? "CURRENT_TIMESTAMP(3)" : "UTC_TIMESTAMP(3)";
    }

    /**
     * The tail of an {@code INSERT INTO t (...) VALUES (...)} that updates {@code columns} from the inserted row
     * when the key exists: {@code AS new ON DUPLICATE KEY UPDATE c = new.c} on MySQL 8.0.19+, else
     * {@code ON DUPLICATE KEY UPDATE c = VALUES(c)}.
     */
    public String onDuplicateKeyUpdate(String... columns) {
        if (rowAlias) {
            return "AS new ON DUPLICATE KEY UPDATE "
                    + Arrays.stream(columns).map(c -> c + " = new." + c).collect(Collectors.joining(", "));
        }
        return "ON DUPLICATE KEY UPDATE "
                + Arrays.stream(columns).map(c -> c + " = VALUES(" + c + ")").collect(Collectors.joining(", "));
    }

    /**
     * A statement of a SQL file as this server should run it. The files write an {@code INSERT ... SELECT}'s update
     * as {@code ON DUPLICATE KEY UPDATE c = VALUES(c)}, which H2 and MariaDB need; MySQL has no row alias for a
     * SELECT and deprecates {@code VALUES()} from 8.0.20, so there each {@code VALUES(c)} becomes the SELECT's
     * expression for {@code c} ({@code a.lead_key}, {@code 'merge'}), which MySQL resolves against the selected row.
     */
    public String forServer(String statement) {
        return rowAlias ? selectReferences(statement) : statement;
    }

    private static final Pattern SCOPED_LEAD_DELETE = Pattern.compile("(?s)^DELETE FROM (\\w+) WHERE tenant = :tenant\\s+AND "
            + "\\(\\1\\.lead_key IN \\(SELECT z\\.lead_key FROM (reconcile_scope_lead) z WHERE z\\.tenant = :tenant\\)\\)$");
    private static final Pattern SCOPED_RECORD_DELETE = Pattern.compile("(?s)^DELETE FROM (\\w+) WHERE tenant = :tenant\\s+AND "
            + "\\(EXISTS \\(SELECT 1 FROM (reconcile_scope_record) z WHERE z\\.tenant = :tenant AND z\\.source_name = \\1\\.source_name"
            + " AND z\\.record_id = \\1\\.record_id\\)\\)$");

    /**
     * An incremental night's delete of the keys in scope (sql/macros/scope.sql), as this server runs it fast. MariaDB
     * before 11.1 runs a single-table DELETE's subquery once per row of the tenant (no semi-join), so there it becomes
     * the multi-table form, driven from the small scope table by the target's key; H2 keeps the portable form.
     */
    public String scopedDelete(String statement) {
        if (!mysqlFamily()) {
            return statement;
        }
        Matcher lead = SCOPED_LEAD_DELETE.matcher(statement.strip());
        if (lead.matches()) {
            return "DELETE x FROM " + lead.group(2) + " z JOIN " + lead.group(1)
                    + " x ON x.tenant = z.tenant AND x.lead_key = z.lead_key WHERE z.tenant = :tenant";
        }
        Matcher record = SCOPED_RECORD_DELETE.matcher(statement.strip());
        if (record.matches()) {
            return "DELETE x FROM " + record.group(2) + " z JOIN " + record.group(1) + " x ON x.tenant = z.tenant"
                    + " AND x.source_name = z.source_name AND x.record_id = z.record_id WHERE z.tenant = :tenant";
        }
        return statement;
    }

    private static final Pattern INSERT_SELECT = Pattern.compile(
            "^\\s*INSERT\\s+INTO\\s+\\w+\\s*\\(([^)]*)\\)\\s*SELECT\\s", Pattern.CASE_INSENSITIVE);
    private static final Pattern UPDATE_CLAUSE = Pattern.compile("\\sON\\s+DUPLICATE\\s+KEY\\s+UPDATE\\s", Pattern.CASE_INSENSITIVE);
    private static final Pattern VALUES_OF = Pattern.compile("VALUES\\s*\\(\\s*(\\w+)\\s*\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ALIAS = Pattern.compile("(?is)^(.*?)\\s+AS\\s+\\w+$");

    /** {@code VALUES(c)} in the update of an {@code INSERT INTO t (...) SELECT ...} replaced by the SELECT's expression for c. */
    public static String selectReferences(String statement) {
        Matcher update = UPDATE_CLAUSE.matcher(statement);
        Matcher insert = INSERT_SELECT.matcher(statement);
        if (!update.find() || !insert.find() || !VALUES_OF.matcher(statement.substring(update.end())).find()) {
            return statement;
        }
        List<String> columns = Arrays.stream(insert.group(1).split(",")).map(c -> c.strip().toLowerCase(Locale.ROOT)).toList();
        List<String> selected = topLevel(statement.substring(insert.end(), update.start()));
        if (selected.size() != columns.size()) {
            throw new IllegalStateException("cannot pair the " + columns.size() + " columns with the SELECT's "
                    + selected.size() + " expressions in: " + statement);
        }
        Matcher v = VALUES_OF.matcher(statement.substring(update.end()));
        StringBuilder tail = new StringBuilder();
        while (v.find()) {
            int i = columns.indexOf(v.group(1).toLowerCase(Locale.ROOT));
            if (i < 0) {
                throw new IllegalStateException("VALUES(" + v.group(1) + ") names no inserted column in: " + statement);
            }
            v.appendReplacement(tail, Matcher.quoteReplacement(selected.get(i)));
        }
        v.appendTail(tail);
        return statement.substring(0, update.end()) + tail;
    }

    /** The select list before the top-level FROM, split at top-level commas, each without its "AS alias". */
    private static List<String> topLevel(String afterSelect) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < afterSelect.length(); i++) {
            char c = afterSelect.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                out.add(afterSelect.substring(start, i));
                start = i + 1;
            } else if (!quoted && depth == 0 && afterSelect.regionMatches(true, i, "FROM", 0, 4)
                    && (i == 0 || !Character.isLetterOrDigit(afterSelect.charAt(i - 1)) && afterSelect.charAt(i - 1) != '_')
                    && (i + 4 == afterSelect.length() || Character.isWhitespace(afterSelect.charAt(i + 4)))) {
                out.add(afterSelect.substring(start, i));
                return out.stream().map(String::strip).map(e -> {
                    Matcher a = ALIAS.matcher(e);
                    return a.matches() ? a.group(1).strip() : e;
                }).toList();
            }
        }
        throw new IllegalStateException("no FROM after the select list: " + afterSelect);
    }

    @Override
    public String toString() {
        return mariaDb ? "MariaDB" : type.name();
    }
}
