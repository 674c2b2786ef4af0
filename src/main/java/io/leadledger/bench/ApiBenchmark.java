package io.leadledger.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.leadledger.jobs.Workspace;
import io.leadledger.ops.PipelineRunner;
import io.leadledger.warehouse.TenantTables;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench api}: a nightly sync of N HubSpot contacts (a full load) from a local stub of HubSpot's CRM v3 list
 * endpoint, at the vendor's page size (100, the list endpoint's maximum). The stub is the JDK's own HTTP server,
 * generating each page on the fly in the documented shape; it counts the calls. Prints records/s, the calls made
 * against the minimum (the pages needed), and, on MySQL/MariaDB, the import's time against LOAD DATA LOCAL INFILE
 * of the same rows into a bare table. The vendor's rate limits are switched off for the run
 * ({@code leadledger.api.vendor-rate-limits}): at HubSpot's 19 calls a second they, not Leadledger, would set the pace.
 */
@Component
@Lazy // built only when a 'bench' command runs
public class ApiBenchmark {

    static final String TENANT = "bench-api";
    static final int PAGE = 100;
    static final String TOKEN_ENV = "LEADLEDGER_BENCH_HUBSPOT_TOKEN";
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] SOURCES = {"PAID_SEARCH", "ORGANIC_SEARCH", "PAID_SOCIAL", "EMAIL_MARKETING", "DIRECT_TRAFFIC"};

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final PipelineRunner runner;
    private final TenantTables tenantTables;

    public ApiBenchmark(DataSource dataSource, JdbcTemplate jdbc, PipelineRunner runner, TenantTables tenantTables) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.runner = runner;
        this.tenantTables = tenantTables;
    }

    /** What the run measured; {@code loadData} null on H2. */
    public record Result(long contacts, Duration importStep, long calls, long listCalls, long minimumCalls,
                         Duration loadData) {
        public double callRatio() {
            return (double) calls / minimumCalls;
        }
    }

    public Result run(int contacts, Path dir, PrintWriter out) throws Exception {
        Files.createDirectories(dir);
        Stub stub = new Stub(contacts);
        String priorLimits = System.getProperty("leadledger.api.vendor-rate-limits");
        String priorToken = System.getProperty(TOKEN_ENV);
        try {
            // read by ApiConnectors when it builds the connector (Spring's environment sees system properties live)
            System.setProperty("leadledger.api.vendor-rate-limits", "false");
            if (System.getenv(TOKEN_ENV) == null) {
                System.setProperty(TOKEN_ENV, "bench-not-a-secret");
            }
            clearTenant();
            Workspace ws = Workspace.load(jobs(dir.resolve("jobs"), stub.url()));
            out.printf("stub: %,d contacts at %s, %d a page; load average %s%n", contacts, stub.url(), PAGE, loadAverage());
            out.flush();
            long t0 = System.nanoTime();
            JobExecution e = runner.runSync(ws);
            Duration whole = Duration.ofNanos(System.nanoTime() - t0);
            if (e.getStatus() != BatchStatus.COMPLETED) {
                throw new IllegalStateException("benchmark sync failed: " + e.getExitStatus().getExitDescription());
            }
            Duration step = Duration.ZERO;
            for (StepExecution s : e.getStepExecutions()) {
                if (s.getStepName().startsWith("import:")) {
                    step = Duration.between(s.getStartTime(), s.getEndTime());
                }
            }
            Long staged = jdbc.queryForObject("SELECT COUNT(*) FROM stg_lead WHERE tenant = ?", Long.class, TENANT);
            long minimum = (contacts + PAGE - 1) / PAGE + 1; // the pages of contacts, and the (empty) archive list
            Duration loadData = isMySql() ? loadDataBaseline(dir, contacts) : null;
            Result r = new Result(contacts, step, stub.calls.get(), stub.listCalls.get(), minimum, loadData);
            out.printf("import   %,9d contacts  %7.1f s  %,9.0f records/s   (HTTP, JSON, parse, validate, stage, audit; "
                    + "the whole sync with reconcile %.1f s; %,d rows staged)%n", contacts, secs(step),
                    contacts / secs(step), secs(whole), staged);
            out.printf("HTTP calls: %,d (%,d list pages, %,d count audit) against the minimum %,d (pages needed, the "
                    + "archive list included): %.3fx   (target <= 1.05)%n", r.calls(), r.listCalls(),
                    r.calls() - r.listCalls(), minimum, r.callRatio());
            if (loadData != null) {
                out.printf("LOAD DATA LOCAL INFILE of the same rows into a bare table: %.1f s%n", secs(loadData));
                out.printf("ratio import/LOAD DATA: %.2f   (target <= 1.5)%n", secs(step) / secs(loadData));
            } else {
                out.println("LOAD DATA: not measured (the warehouse is not MySQL/MariaDB): no ratio");
            }
            out.printf("load average after the run: %s%n", loadAverage());
            return r;
        } finally {
            restore("leadledger.api.vendor-rate-limits", priorLimits);
            restore(TOKEN_ENV, priorToken);
            stub.close();
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    private static Path jobs(Path dir, String url) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("leadledger.yml"), """
                tenant:
                  id: %s
                  name: API benchmark
                  reportingCurrency: USD
                  timezone: UTC
                """.formatted(TENANT));
        Files.writeString(dir.resolve("nightly-sync.yml"), """
                job: bench-api-sync
                sources:
                  - name: hubspot
                    profile: hubspot-api-contacts
                    api: { vendor: hubspot, object: contacts, tokenEnv: %s, baseUrl: %s }
                """.formatted(TOKEN_ENV, url));
        Files.writeString(dir.resolve("monthly-reports.yml"), "job: bench-api-reports\nformats: [xlsx]\nout: "
                + dir.resolveSibling("out") + "\n");
        return dir;
    }

    private void clearTenant() {
        for (String t : tenantTables.all()) {
            jdbc.update("DELETE FROM " + t + " WHERE tenant = ?", TENANT);
        }
    }

    /** One generated contact's property, by HubSpot's internal name; null for one the generator leaves empty. */
    static String property(long id, String name) {
        Instant created = CREATED.plusSeconds(id * 37);
        return switch (name) {
            case "email" -> "contact" + id + "@example" + (id % 997) + ".com";
            case "firstname" -> "First" + id;
            case "lastname" -> "Last" + (id % 5003);
            case "company" -> "Company " + (id % 997);
            case "createdate" -> created.toString();
            case "lastmodifieddate" -> created.plusSeconds(3600).toString();
            case "hs_object_id" -> Long.toString(id);
            case "hs_analytics_source" -> SOURCES[(int) (id % SOURCES.length)];
            case "hs_analytics_source_data_1" -> "detail " + (id % 50);
            case "hs_analytics_source_data_2" -> "campaign " + (id % 200);
            case "lifecyclestage" -> id % 3 == 0 ? "marketingqualifiedlead" : "lead";
            case "hs_lead_status" -> id % 7 == 0 ? "UNQUALIFIED" : "OPEN";
            case "hubspot_owner_id" -> Long.toString(1000 + id % 40);
            default -> null;
        };
    }

    /**
     * HubSpot's CRM v3 "List" of contacts, in its documented shape: {@code GET /crm/v3/objects/contacts?limit&after
     * &properties&archived} -> {@code {"results":[{"id","properties":{...},"createdAt","updatedAt","archived":false}],
     * "paging":{"next":{"after","link"}}}}; and the search endpoint's {@code total} for the count audit.
     */
    static final class Stub implements AutoCloseable {
        final AtomicLong calls = new AtomicLong();
        final AtomicLong listCalls = new AtomicLong();
        private final HttpServer server;
        private final long contacts;

        Stub(long contacts) throws IOException {
            this.contacts = contacts;
            // without TCP_NODELAY the server's separate header and body writes meet the client's delayed ACK: 40 ms
            // a page that no vendor's server costs (read once, when the JDK's server is first used)
            System.setProperty("sun.net.httpserver.nodelay", "true");
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            server.setExecutor(Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "bench-stub");
                t.setDaemon(true);
                return t;
            }));
            server.createContext("/", this::answer);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void answer(HttpExchange x) throws IOException {
            calls.incrementAndGet();
            try (x) {
                x.getRequestBody().readAllBytes();
                String path = x.getRequestURI().getPath();
                byte[] body;
                if (path.endsWith("/search")) {
                    body = ("{\"total\":" + contacts + ",\"results\":[]}").getBytes(StandardCharsets.UTF_8);
                } else {
                    listCalls.incrementAndGet();
                    body = page(query(x.getRequestURI().getRawQuery())).getBytes(StandardCharsets.UTF_8);
                }
                x.getResponseHeaders().add("Content-Type", "application/json;charset=utf-8");
                x.sendResponseHeaders(200, body.length);
                try (OutputStream os = x.getResponseBody()) {
                    os.write(body);
                }
            }
        }

        private String page(Map<String, String> q) {
            boolean archived = "true".equals(q.get("archived"));
            int limit = Math.min(PAGE, Integer.parseInt(q.getOrDefault("limit", "10")));
            long after = Long.parseLong(q.getOrDefault("after", "0"));
            List<String> props = List.of(q.getOrDefault("properties", "").split(","));
            StringBuilder b = new StringBuilder(limit * 700).append("{\"results\":[");
            long end = archived ? after : Math.min(contacts, after + limit);
            for (long i = after; i < end; i++) {
                long id = i + 1;
                if (i > after) {
                    b.append(',');
                }
                b.append("{\"id\":\"").append(id).append("\",\"properties\":{");
                boolean first = true;
                for (String p : props) {
                    String v = property(id, p);
                    b.append(first ? "" : ",").append('"').append(p).append("\":");
                    b.append(v == null ? "null" : "\"" + v + "\"");
                    first = false;
                }
                b.append("},\"createdAt\":\"").append(property(id, "createdate")).append("\",\"updatedAt\":\"")
                        .append(property(id, "lastmodifieddate")).append("\",\"archived\":false}");
            }
            b.append(']');
            if (end < contacts && !archived) {
                b.append(",\"paging\":{\"next\":{\"after\":\"").append(end).append("\",\"link\":\"?after=").append(end)
                        .append("\"}}");
            }
            return b.append('}').toString();
        }

        private static Map<String, String> query(String raw) {
            Map<String, String> q = new HashMap<>();
            if (raw != null) {
                for (String kv : raw.split("&")) {
                    int i = kv.indexOf('=');
                    if (i > 0) {
                        q.put(kv.substring(0, i), URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8));
                    }
                }
            }
            return q;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** The same rows as the stub serves, as CSV, loaded by the server's fastest path into a bare table. */
    private Duration loadDataBaseline(Path dir, int contacts) throws IOException, SQLException {
        Path csv = dir.resolve("bench-api-contacts.csv");
        String[] cols = {"hs_object_id", "email", "firstname", "lastname", "company", "createdate", "lastmodifieddate",
                "hs_analytics_source", "hs_analytics_source_data_1", "hs_analytics_source_data_2", "lifecyclestage",
                "hs_lead_status", "hubspot_owner_id"};
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            for (long id = 1; id <= contacts; id++) {
                for (int c = 0; c < cols.length; c++) {
                    w.write(c == 0 ? "" : ",");
                    w.write(property(id, cols[c]));
                }
                w.write('\n');
            }
        }
        String url = jdbcUrl() + (jdbcUrl().contains("?") ? "&" : "?") + "allowLoadLocalInfile=true";
        try (Connection c = DriverManager.getConnection(url, env("LEADLEDGER_DB_USER", env("SPRING_DATASOURCE_USERNAME", "root")),
                env("LEADLEDGER_DB_PASSWORD", env("SPRING_DATASOURCE_PASSWORD", ""))); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_api_bare");
            s.execute("""
                    CREATE TABLE bench_api_bare (record_id VARCHAR(128) NOT NULL, email VARCHAR(320), first_name VARCHAR(200),
                      last_name VARCHAR(200), company VARCHAR(300), created VARCHAR(40), modified VARCHAR(40),
                      source VARCHAR(200), detail VARCHAR(200), campaign VARCHAR(300), lifecycle VARCHAR(100),
                      status VARCHAR(100), owner VARCHAR(200), PRIMARY KEY (record_id), KEY (email))
                    ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin""");
            long t0 = System.nanoTime();
            s.execute("LOAD DATA LOCAL INFILE '" + csv.toAbsolutePath().toString().replace("'", "''")
                    + "' INTO TABLE bench_api_bare CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' LINES TERMINATED BY '\\n'");
            Duration d = Duration.ofNanos(System.nanoTime() - t0);
            s.execute("DROP TABLE bench_api_bare");
            return d;
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    private boolean isMySql() throws SQLException {
        String url = jdbcUrl();
        return url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:");
    }

    private String jdbcUrl() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getURL();
        }
    }

    private static String env(String k, String d) {
        String v = System.getenv(k);
        return v == null ? d : v;
    }

    private static String loadAverage() {
        double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? "n/a" : String.format("%.2f", l);
    }

    private static double secs(Duration d) {
        return Math.max(1e-3, d.toNanos() / 1e9);
    }
}
