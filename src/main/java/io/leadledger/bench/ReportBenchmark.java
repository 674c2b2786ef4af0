package io.leadledger.bench;

import io.leadledger.LeadledgerApplication;
import io.leadledger.jobs.ReportsDefinition;
import io.leadledger.jobs.TenantSettings;
import io.leadledger.jobs.Workspace;
import io.leadledger.reconcile.SqlScript;
import io.leadledger.report.ReportService;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Times the three monthly reports (PDF and XLSX each) for one month over a synthetic warehouse of N leads
 * (default 1,000,000) and prints the time and the peak heap. The warehouse (tenant "bench") is written once
 * straight into the core tables, then the marts are built by the real mart scripts; later runs reuse it.
 *
 * <pre>java -Xmx512m -Dloader.main=io.leadledger.bench.ReportBenchmark \
 *   -cp target/leadledger.jar org.springframework.boot.loader.launch.PropertiesLauncher [--leads N] [--db DIR] [--out DIR]</pre>
 *
 * The lead can wire {@link #run(ReportService, JdbcTemplate, NamedParameterJdbcTemplate, long, Path, PrintStream)} to
 * {@code leadledger bench report}.
 */
public final class ReportBenchmark {

    static final String TENANT = "bench";
    static final YearMonth MONTH = YearMonth.of(2026, 10);
    static final int MONTHS = 24;
    static final String[] CHANNELS = {"Paid search", "Organic search", "LinkedIn Ads", "Webinar", "Trade show",
            "Content syndication", "Referral", "Partner"};
    static final int CAMPAIGNS = 5;
    static final String[] REASONS = {"Not ICP", "No budget", "Bad contact data", "No project", "Duplicate", "Competitor"};

    private ReportBenchmark() {
    }

    public static void main(String[] args) {
        long leads = 1_000_000;
        Path db = Path.of("target", "bench-warehouse");
        Path out = Path.of("target", "bench-reports");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--leads" -> leads = Long.parseLong(args[i + 1].replace("_", ""));
                case "--db" -> db = Path.of(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--leads N, --db DIR, --out DIR)");
            }
        }
        String url = "jdbc:h2:file:" + db.toAbsolutePath().resolve("warehouse") + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CACHE_SIZE=65536";
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(LeadledgerApplication.class)
                .run("--spring.datasource.url=" + url, "--spring.datasource.username=sa", "--spring.datasource.password=",
                        "--leadledger.cli.enabled=false", "--logging.level.io.leadledger=WARN",
                        "--logging.level.io.leadledger.report.ReportService=INFO")) {
            run(ctx.getBean(ReportService.class), ctx.getBean(JdbcTemplate.class),
                    ctx.getBean(NamedParameterJdbcTemplate.class), leads, out, System.out);
        }
    }

    public static void run(ReportService reports, JdbcTemplate jdbc, NamedParameterJdbcTemplate named, long leads,
                           Path out, PrintStream log) {
        Long have = jdbc.queryForObject("SELECT COUNT(*) FROM mart_lead WHERE tenant = ?", Long.class, TENANT);
        if (have == null || have != leads) {
            long t0 = System.nanoTime();
            new Synthesis(jdbc, leads).write();
            buildMarts(named);
            log.printf("warehouse: %,d leads written and marts built in %.1f s%n", leads, (System.nanoTime() - t0) / 1e9);
        } else {
            log.printf("warehouse: reusing %,d leads%n", leads);
        }
        Workspace ws = new Workspace(out, new TenantSettings(TENANT, "Bench Corp", "USD", "UTC", 14, Map.of()), null,
                new ReportsDefinition("monthly-reports", null, null, List.of("lead-production", "sales-performance", "roi"),
                        List.of("pdf", "xlsx"), out.toString(), "A4", List.of()));
        log.printf("heap max %,d MB%n", Runtime.getRuntime().maxMemory() >> 20);
        for (String run : List.of("first run (templates compiled)", "second run")) {
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            HeapSampler sampler = new HeapSampler();
            sampler.start();
            long t0 = System.nanoTime();
            List<Path> files = reports.generate(ws, MONTH, out, List.of("pdf", "xlsx"));
            double seconds = (System.nanoTime() - t0) / 1e9;
            sampler.interrupt();
            long poolPeaks = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            log.printf("%s: %d files (3 PDF + 3 XLSX) in %.1f s; peak heap used %,d MB sampled (heap pools' peaks summed: %,d MB)%n",
                    run, files.size(), seconds, sampler.peak.get() >> 20, poolPeaks >> 20);
        }
    }

    private static void buildMarts(NamedParameterJdbcTemplate named) {
        MapSqlParameterSource p = new MapSqlParameterSource().addValue("tenant", TENANT).addValue("currency", "USD")
                .addValue("model", "first_touch")
                .addValue("neverTouchedBefore", Timestamp.valueOf(MONTH.plusMonths(1).atDay(1).atStartOfDay().minusDays(14)));
        for (String path : List.of("sql/marts/mart_lead.sql", "sql/marts/mart_channel_month.sql")) {
            for (String sql : SqlScript.load(path).statements()) {
                named.update(sql, p);
            }
        }
    }

    /** Samples the used heap every 10 ms: what the process really held, unlike summed pool peaks. */
    private static final class HeapSampler extends Thread {
        final AtomicLong peak = new AtomicLong();

        HeapSampler() {
            setDaemon(true);
        }

        @Override
        public void run() {
            Runtime rt = Runtime.getRuntime();
            while (!isInterrupted()) {
                peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** A realistic funnel: 55% handed, a third of those accepted, 8% of handed get a deal, a third of deals won. */
    private static final class Synthesis {
        private final JdbcTemplate jdbc;
        private final long leads;
        private final Random r = new Random(7);
        private final LocalDate first = MONTH.minusMonths(MONTHS - 1).atDay(1);
        private final LocalDate last = MONTH.atEndOfMonth();

        Synthesis(JdbcTemplate jdbc, long leads) {
            this.jdbc = jdbc;
            this.leads = leads;
        }

        void write() {
            for (String t : List.of("core_lead", "core_deal", "core_lead_deal_link", "core_attribution", "core_spend",
                    "stg_spend", "mart_lead", "mart_channel_month", "run_audit")) {
                jdbc.update("DELETE FROM " + t + " WHERE tenant = ?", TENANT);
            }
            jdbc.update("INSERT INTO run_audit (run_id, tenant, source_name, source_kind, source_file, file_hash, status, "
                    + "rows_read, rows_loaded, rows_quarantined, rows_duplicate, started_at) VALUES (1, ?, 'crm', 'leads', "
                    + "'bench.csv', 'h', 'loaded', ?, ?, 0, 0, CURRENT_TIMESTAMP)", TENANT, leads, leads);
            long days = last.toEpochDay() - first.toEpochDay() + 1;
            List<Object[]> leadRows = new ArrayList<>();
            List<Object[]> dealRows = new ArrayList<>();
            List<Object[]> links = new ArrayList<>();
            List<Object[]> credits = new ArrayList<>();
            for (long i = 0; i < leads; i++) {
                int ch = r.nextInt(CHANNELS.length);
                String campaign = CHANNELS[ch] + " #" + (1 + r.nextInt(CAMPAIGNS));
                LocalDateTime created = first.plusDays((long) (r.nextDouble() * days)).atTime(r.nextInt(24), r.nextInt(60));
                String key = "lead" + i + "@bench.example";
                boolean handed = r.nextDouble() < 0.55;
                LocalDateTime handedAt = handed ? created.plusHours(1 + r.nextInt(72)) : null;
                LocalDateTime touch = handed && r.nextDouble() < 0.7 ? handedAt.plusHours(r.nextInt(96)) : null;
                boolean accepted = touch != null && r.nextDouble() < 0.45;
                boolean rejected = touch != null && !accepted && r.nextDouble() < 0.6;
                leadRows.add(new Object[] {TENANT, key, key, Timestamp.valueOf(created), CHANNELS[ch], campaign, "crm", "L" + i,
                        ts(handedAt), ts(touch), accepted ? ts(touch.plusHours(4)) : null, rejected ? 1 : 0,
                        rejected ? REASONS[r.nextInt(REASONS.length)] : null, "Owner " + (1 + r.nextInt(20))});
                if (accepted && r.nextDouble() < 0.3) {
                    LocalDate close = created.toLocalDate().plusDays(20 + r.nextInt(160));
                    double u = r.nextDouble();
                    String status = close.isAfter(last) ? "open" : u < 0.35 ? "won" : u < 0.85 ? "lost" : "open";
                    BigDecimal amount = BigDecimal.valueOf(5_000 + r.nextInt(45_000));
                    String id = "D" + i;
                    dealRows.add(new Object[] {TENANT, "crm", id, "Deal " + i, "Account " + (i % 5000), status, amount, "USD",
                            amount, ts(handedAt.plusDays(3)), Date.valueOf(close), "Owner " + (1 + r.nextInt(20)), key,
                            "explicit_id", 0, 1});
                    links.add(new Object[] {TENANT, "crm", id, key, "explicit_id", new BigDecimal("1.000")});
                    credits.add(new Object[] {TENANT, "crm", id, "first_touch", 1, key, CHANNELS[ch], campaign,
                            BigDecimal.ONE, amount});
                }
                if (leadRows.size() == 10_000) {
                    flush(leadRows, dealRows, links, credits);
                }
            }
            flush(leadRows, dealRows, links, credits);
            spend(days);
        }

        private void flush(List<Object[]> leadRows, List<Object[]> dealRows, List<Object[]> links, List<Object[]> credits) {
            jdbc.batchUpdate("INSERT INTO core_lead (tenant, lead_key, email_norm, created_at, channel, campaign, primary_source, "
                    + "primary_record_id, member_count, handed_at, first_touch_at, accepted_at, rejected, rejection_reason, "
                    + "owner_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)", leadRows);
            jdbc.batchUpdate("INSERT INTO core_deal (tenant, source_name, record_id, deal_name, account_name, status, amount, "
                    + "currency, amount_rpt, created_at, close_date, owner_name, lead_key, match_method, inconsistent, lead_rank) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", dealRows);
            jdbc.batchUpdate("INSERT INTO core_lead_deal_link (tenant, source_name, record_id, lead_key, match_method, confidence) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", links);
            jdbc.batchUpdate("INSERT INTO core_attribution (tenant, source_name, record_id, model, touch_seq, lead_key, channel, "
                    + "campaign, credit_share, credit_rpt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", credits);
            leadRows.clear();
            dealRows.clear();
            links.clear();
            credits.clear();
        }

        /** A spend row per campaign and day, summed into core_spend by month as the reconcile step does. */
        private void spend(long days) {
            List<Object[]> rows = new ArrayList<>();
            Map<String, BigDecimal> monthly = new java.util.TreeMap<>();
            long perLeadBudget = Math.max(1, leads / 20_000);
            for (String channel : CHANNELS) {
                for (int c = 1; c <= CAMPAIGNS; c++) {
                    String campaign = channel + " #" + c;
                    for (long d = 0; d < days; d++) {
                        LocalDate day = first.plusDays(d);
                        BigDecimal amount = BigDecimal.valueOf(50 * perLeadBudget + r.nextInt((int) (400 * perLeadBudget)), 0);
                        rows.add(new Object[] {TENANT, "ads", campaign + "|" + day, Date.valueOf(day), channel, campaign,
                                amount, "USD", "bench-spend.csv", d + 2, 1});
                        monthly.merge(YearMonth.from(day) + "|" + channel + "|" + campaign, amount, BigDecimal::add);
                    }
                }
            }
            jdbc.batchUpdate("INSERT INTO stg_spend (tenant, source_name, record_id, spend_date, channel_raw, campaign, amount, "
                    + "currency, source_file, row_num, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
            List<Object[]> core = new ArrayList<>();
            monthly.forEach((k, v) -> {
                String[] p = k.split("\\|");
                YearMonth m = YearMonth.parse(p[0]);
                core.add(new Object[] {TENANT, m.getYear() * 100 + m.getMonthValue(), p[1], p[2], "USD", v, v});
            });
            jdbc.batchUpdate("INSERT INTO core_spend (tenant, month_key, channel, campaign, currency, amount, amount_rpt) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)", core);
        }

        private static Timestamp ts(LocalDateTime t) {
            return t == null ? null : Timestamp.valueOf(t);
        }
    }
}
