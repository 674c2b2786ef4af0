package io.leadledger.warehouse;

import org.springframework.batch.support.DatabaseType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.util.Arrays;
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

    Dialect(DatabaseType type, String version) {
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

    @Override
    public String toString() {
        return mariaDb ? "MariaDB" : type.name();
    }
}
