package io.leadledger.report;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * A JdbcTemplate that reads large results row by row instead of buffering them (1M-lead warehouses, -Xmx512m).
 *
 * <p>On MySQL/MariaDB its connections also let the server sort wide rows in one pass: with rows longer than
 * {@code max_length_for_sort_data} (1 KB by default; a lead's detail row may be 6 KB as declared) MariaDB sorts
 * only the keys and then reads every row again by primary key, which took 20 s instead of 2 s for a year of
 * handed leads. The session setting is put back when the connection returns to the pool.
 */
final class StreamingJdbc {

    private static final Logger log = LoggerFactory.getLogger(StreamingJdbc.class);
    static final String SORT_DATA = "SET SESSION max_length_for_sort_data = 65536";
    static final String SORT_DATA_DEFAULT = "SET SESSION max_length_for_sort_data = DEFAULT";

    private StreamingJdbc() {
    }

    static JdbcTemplate of(DataSource dataSource) {
        boolean mysql = isMySql(dataSource);
        JdbcTemplate t = new JdbcTemplate(mysql ? new WideSorts(dataSource) : dataSource);
        // Connector/J buffers whole result sets unless asked to stream row by row
        t.setFetchSize(mysql ? Integer.MIN_VALUE : 1000);
        return t;
    }

    private static boolean isMySql(DataSource ds) {
        String name = product(ds);
        return name.contains("mysql") || name.contains("mariadb");
    }

    static boolean isH2(DataSource ds) {
        return product(ds).equals("h2");
    }

    private static String product(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        } catch (SQLException e) {
            return "";
        }
    }

    /** Connections with {@link #SORT_DATA} set while they are borrowed. */
    private static final class WideSorts extends DelegatingDataSource {

        WideSorts(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection c = super.getConnection();
            if (!set(c, SORT_DATA)) {
                return c; // a server without the setting (MySQL 8.0.20+ ignores it): sorts as it always does
            }
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("close") && !c.isClosed()) {
                            set(c, SORT_DATA_DEFAULT);
                        }
                        try {
                            return method.invoke(c, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        private static boolean set(Connection c, String sql) {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
                return true;
            } catch (SQLException e) {
                log.debug("{}: {}", sql, e.getMessage());
                return false;
            }
        }
    }
}
