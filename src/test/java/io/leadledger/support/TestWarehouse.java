package io.leadledger.support;

import io.leadledger.LeadledgerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A Leadledger application context on a fresh warehouse: an H2 file in a temp directory, or a freshly
 * created database on the MariaDB server (127.0.0.1:3306, root, no password, unless
 * LEADLEDGER_TEST_MARIADB_* say otherwise). MariaDB being down fails the test: it is never skipped.
 */
public final class TestWarehouse implements AutoCloseable {

    public static final String MARIADB_HOST = env("LEADLEDGER_TEST_MARIADB_HOST", "127.0.0.1:3306");
    public static final String MARIADB_USER = env("LEADLEDGER_TEST_MARIADB_USER", "root");
    public static final String MARIADB_PASSWORD = env("LEADLEDGER_TEST_MARIADB_PASSWORD", "");

    private final ConfigurableApplicationContext ctx;
    private final String name;
    private final String mariadbToDrop;

    private TestWarehouse(String name, String url, String user, String password, String mariadbToDrop) {
        this.name = name;
        this.mariadbToDrop = mariadbToDrop;
        // as command-line arguments: they win over application.properties (builder properties would not)
        this.ctx = new SpringApplicationBuilder(LeadledgerApplication.class)
                .run("--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                        "--spring.datasource.password=" + password, "--leadledger.cli.enabled=false",
                        "--logging.level.io.leadledger=WARN");
    }

    public static TestWarehouse h2(Path dir) {
        return new TestWarehouse("h2", "jdbc:h2:file:" + dir.toAbsolutePath().resolve("warehouse")
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CACHE_SIZE=131072", "sa", "", null);
    }

    /**
     * Creates database {@code prefix_<pid>} on the MariaDB server (dropped on close; the pid keeps
     * parallel test JVMs apart), then starts on it.
     */
    public static TestWarehouse mariadb(String prefix) {
        String db = prefix + "_" + ProcessHandle.current().pid();
        String base = "jdbc:mysql://" + MARIADB_HOST + "/";
        String opts = "?rewriteBatchedStatements=true&allowPublicKeyRetrieval=true&sslMode=DISABLED";
        try (Connection c = DriverManager.getConnection(base + opts, MARIADB_USER, MARIADB_PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db);
            s.execute("CREATE DATABASE " + db + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB at " + MARIADB_HOST + " is required by the warehouse tests and is "
                    + "not reachable (" + e.getMessage() + "); start it: start-stop-daemon --start --oknodo --background "
                    + "--exec /usr/sbin/mariadbd", e);
        }
        return new TestWarehouse("mariadb", base + db + opts, MARIADB_USER, MARIADB_PASSWORD, db);
    }

    public String name() {
        return name;
    }

    public <T> T bean(Class<T> type) {
        return ctx.getBean(type);
    }

    public JdbcTemplate jdbc() {
        return ctx.getBean(JdbcTemplate.class);
    }

    public long count(String table, String tenant) {
        Long n = jdbc().queryForObject("SELECT COUNT(*) FROM " + table + " WHERE tenant = ?", Long.class, tenant);
        return n == null ? 0 : n;
    }

    @Override
    public void close() {
        ctx.close();
        if (mariadbToDrop != null) {
            try (Connection c = DriverManager.getConnection("jdbc:mysql://" + MARIADB_HOST + "/?sslMode=DISABLED&allowPublicKeyRetrieval=true",
                    MARIADB_USER, MARIADB_PASSWORD); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + mariadbToDrop);
            } catch (SQLException e) {
                // a leftover test database is harmless
            }
        }
    }

    private static String env(String k, String d) {
        String v = System.getenv(k);
        return v == null || v.isEmpty() ? d : v;
    }
}
