package io.leadledger.support;

import io.leadledger.LeadledgerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
    private final String url;
    private final String mariadbToDrop;

    private TestWarehouse(String name, String url, String user, String password, String mariadbToDrop, Clock clock,
                          String... extraArgs) {
        this.name = name;
        this.url = url;
        this.mariadbToDrop = mariadbToDrop;
        // as command-line arguments: they win over application.properties (builder properties would not)
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password, "--leadledger.cli.enabled=false",
                "--logging.level.io.leadledger=WARN"));
        args.addAll(List.of(extraArgs));
        SpringApplicationBuilder b = new SpringApplicationBuilder(LeadledgerApplication.class);
        if (clock != null) {
            // the application's own Clock bean steps aside for this one (ConditionalOnMissingBean)
            b.initializers(c -> c.getBeanFactory().registerSingleton("clock", clock));
        }
        this.ctx = b.run(args.toArray(String[]::new));
    }

    public static TestWarehouse h2(Path dir) {
        return h2(dir, null);
    }

    /** With a clock the test controls and extra properties (e.g. the SMTP server), as "--key=value". */
    public static TestWarehouse h2(Path dir, Clock clock, String... args) {
        return new TestWarehouse("h2", "jdbc:h2:file:" + dir.toAbsolutePath().resolve("warehouse")
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CACHE_SIZE=131072", "sa", "", null, clock, args);
    }

    /**
     * Creates database {@code prefix_<pid>} on the MariaDB server (dropped on close; the pid keeps
     * parallel test JVMs apart), then starts on it.
     */
    public static TestWarehouse mariadb(String prefix) {
        return mariadb(prefix, null);
    }

    public static TestWarehouse mariadb(String prefix, Clock clock, String... args) {
        return mariadb(prefix, "", clock, args);
    }

    /** MariaDB with allowLoadLocalInfile=true on the URL: staging through LOAD DATA, as the README recommends. */
    public static TestWarehouse mariadbBulkLoad(String prefix, String... args) {
        return mariadb(prefix, "&allowLoadLocalInfile=true", null, args);
    }

    private static TestWarehouse mariadb(String prefix, String extraOpts, Clock clock, String... args) {
        String db = prefix + "_" + ProcessHandle.current().pid();
        String base = "jdbc:mysql://" + MARIADB_HOST + "/";
        String opts = "?rewriteBatchedStatements=true&allowPublicKeyRetrieval=true&sslMode=DISABLED" + extraOpts;
        try (Connection c = DriverManager.getConnection(base + opts, MARIADB_USER, MARIADB_PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db);
            s.execute("CREATE DATABASE " + db + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB at " + MARIADB_HOST + " is required by the warehouse tests and is "
                    + "not reachable (" + e.getMessage() + "); start it: start-stop-daemon --start --oknodo --background "
                    + "--exec /usr/sbin/mariadbd", e);
        }
        return new TestWarehouse("mariadb", base + db + opts, MARIADB_USER, MARIADB_PASSWORD, db, clock, args);
    }

    /**
     * A second application context on this warehouse's MariaDB database: another process (or machine)
     * sharing it. Closing it leaves the database to its first owner.
     */
    public TestWarehouse sharing(Clock clock, String... args) {
        if (mariadbToDrop == null) {
            throw new IllegalStateException("only a MariaDB warehouse is shared between contexts");
        }
        return new TestWarehouse(name + "-2", url, MARIADB_USER, MARIADB_PASSWORD, null, clock, args);
    }

    public String name() {
        return name;
    }

    /** The JDBC URL, for a child process on the same warehouse (user and password: MARIADB_USER, MARIADB_PASSWORD). */
    public String url() {
        return url;
    }

    public <T> T bean(Class<T> type) {
        return ctx.getBean(type);
    }

    /** The application context itself, to see which beans it built. */
    public ConfigurableApplicationContext context() {
        return ctx;
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
