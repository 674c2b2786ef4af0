package io.leadledger.warehouse;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The warehouse tables that hold a tenant's rows: every table with a {@code tenant} column, read from the
 * database's own catalogue (INFORMATION_SCHEMA on H2 and MariaDB alike), so a table added by a migration is
 * never missing from a copied list. Spring Batch's tables and {@code shedlock} have no tenant column.
 */
@Component
public class TenantTables {

    static final String SQL = """
            SELECT c.TABLE_NAME FROM INFORMATION_SCHEMA.COLUMNS c
            JOIN INFORMATION_SCHEMA.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
            WHERE c.TABLE_SCHEMA = SCHEMA() AND LOWER(c.COLUMN_NAME) = 'tenant' AND t.TABLE_TYPE = 'BASE TABLE'
            ORDER BY c.TABLE_NAME""";

    private final JdbcTemplate jdbc;

    public TenantTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Names in lower case, sorted. */
    public List<String> all() {
        return jdbc.queryForList(SQL, String.class).stream().map(String::toLowerCase).toList();
    }

    /**
     * Removes every row of one tenant (the benchmarks' scratch tenants). A table holding only that tenant's rows is
     * truncated: deleting a million rows leaves InnoDB purging them in the background while the next import is
     * timed (up to half as fast again); other tenants' rows are never touched.
     */
    public void clear(String tenant) {
        for (String t : all()) {
            Integer others = jdbc.queryForObject("SELECT COUNT(*) FROM (SELECT 1 FROM " + t
                    + " WHERE tenant <> ? LIMIT 1) x", Integer.class, tenant);
            if (others != null && others == 0) {
                jdbc.execute("TRUNCATE TABLE " + t);
            } else {
                jdbc.update("DELETE FROM " + t + " WHERE tenant = ?", tenant);
            }
        }
    }
}
