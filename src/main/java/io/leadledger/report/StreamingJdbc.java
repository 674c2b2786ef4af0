package io.leadledger.report;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** A JdbcTemplate that reads large results row by row instead of buffering them (1M-lead warehouses, -Xmx512m). */
final class StreamingJdbc {

    private StreamingJdbc() {
    }

    static JdbcTemplate of(DataSource dataSource) {
        JdbcTemplate t = new JdbcTemplate(dataSource);
        // Connector/J buffers whole result sets unless asked to stream row by row
        t.setFetchSize(isMySql(dataSource) ? Integer.MIN_VALUE : 1000);
        return t;
    }

    private static boolean isMySql(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            String name = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            return name.contains("mysql") || name.contains("mariadb");
        } catch (SQLException e) {
            return false;
        }
    }
}
