package io.leadledger.bench;

import io.leadledger.jobs.AttributionModelId;
import io.leadledger.jobs.ReportsDefinition;
import io.leadledger.jobs.TenantSettings;
import io.leadledger.jobs.Workspace;
import io.leadledger.reconcile.SqlScript;
import io.leadledger.report.ReportService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;


/**
 * `leadledger bench report`: times the three monthly reports (PDF and XLSX each) for one month over a synthetic
 * warehouse of N leads (default 1,000,000) in the configured warehouse (H2, or MySQL/MariaDB through
 * LEADLEDGER_DB_URL), and prints each file's time, the total and the peak heap. The warehouse (tenant "bench",
 * the 24 months ending with the report month) is written once straight into the core tables, then the marts are
 * built by the real mart scripts; later runs with the same N and month reuse it. The six files are written twice:
 * the first run compiles the PDF templates, the second is warm. Figures, not a test: run it with the heap you
 * deploy with.
 */
@Component
@Lazy // built only when a 'bench' command runs: never part of an ordinary start, nor of its failures
public class ReportBenchmark {

    static final String TENANT = "bench";
    public static final YearMonth DEFAULT_MONTH = YearMonth.of(2026, 10);
    static final int MONTHS = 24;
    static final String[] CHANNELS = {"Paid search", "Organic search", "LinkedIn Ads", "Webinar", "Trade show",
            "Content syndication", "Referral", "Partner"};
    static final int CAMPAIGNS = 5;
    static final String[] REASONS = {"Not ICP", "No budget", "Bad contact data", "No project", "Duplicate", "Competitor"};

    private final ReportService reports;
    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    public ReportBenchmark(ReportService reports, JdbcTemplate jdbc, NamedParameterJdbcTemplate named) {
        this.reports = reports;
        this.jdbc = jdbc;
        this.named = named;
    }

    /** One timed run of the six files: the documents, each file (they overlap: written concurrently), the peak heap. */
    public record Run(String name, Duration total, Duration documents, List<ReportService.WrittenFile> files,
                      long peakHeapBytes, long poolPeaksBytes, Duration cpu) {
    }

    public List<Run> run(long leads, YearMonth month, Path out, PrintWriter log) {
        if (leads < 1) {
            throw new IllegalArgumentException("--leads must be at least 1");
        }
        if (present(leads, month)) {
            log.printf("warehouse: reusing %,d leads of tenant '%s', %s to %s%n", leads, TENANT, month.minusMonths(MONTHS - 1), month);
        } else {
            log.printf("warehouse: writing %,d leads of tenant '%s', %s to %s ...%n", leads, TENANT,
                    month.minusMonths(MONTHS - 1), month);
            log.flush();
            long t0 = System.nanoTime();
            new Synthesis(jdbc, leads, month).write();
            buildMarts(month);
            log.printf("warehouse: %,d leads written and marts built in %.1f s%n", leads, (System.nanoTime() - t0) / 1e9);
        }
        Workspace ws = new Workspace(out, new TenantSettings(TENANT, "Bench Corp", "USD", "UTC", 14, Map.of()), null,
                new ReportsDefinition("monthly-reports", null, null, ReportsDefinition.KNOWN_REPORTS,
                        List.of("pdf", "xlsx"), out.toString(), "A4", List.of()));
        log.printf("reports for %s into %s, heap max %,d MB, %d cores%n", month, out.resolve(TENANT).resolve(month.toString()),
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        log.flush();
        List<Run> runs = new ArrayList<>();
        for (String name : List.of("first run (PDF templates compiled)", "second run (warm)")) {
            Run r;
            try (HeapPeak heap = new HeapPeak()) {
                long cpu0 = processCpu();
                long t0 = System.nanoTime();
                ReportService.Rendering rendering = reports.render(ws, month, out, List.of("pdf", "xlsx"));
                Duration total = Duration.ofNanos(System.nanoTime() - t0);
                r = new Run(name, total, rendering.documents(), rendering.files(), heap.peak(), heap.poolPeaks(),
                        Duration.ofNanos(processCpu() - cpu0));
            }
            runs.add(r);
            log.printf("%s: %d files in %.1f s, peak heap used %,d MB%n", r.name(), r.files().size(), secs(r.total()),
                    r.peakHeapBytes() >> 20);
            log.printf("  documents (figures from the marts)  %6.1f s%n", secs(r.documents()));
            for (ReportService.WrittenFile f : r.files()) {
                log.printf("  %-38s %6.1f s%n", f.file().getFileName(), secs(f.time()));
            }
            log.printf("  total                               %6.1f s   (files are written concurrently: their times overlap)%n",
                    secs(r.total()));
            // on a shared machine the wall time depends on the neighbours; the CPU this process used does less
            log.printf("  CPU used by this process            %6.1f s   (not the database server's)%n", secs(r.cpu()));
            log.printf("  heap: peak used %,d MB (heap in use before each GC and at the end); the heap pools' own peaks"
                    + " summed: %,d MB (an upper bound: pools peak at different moments)%n", r.peakHeapBytes() >> 20,
                    r.poolPeaksBytes() >> 20);
            log.flush();
        }
        return runs;
    }

    /** Whether the bench tenant already holds exactly this many leads over the 24 months ending with the month. */
    private boolean present(long leads, YearMonth month) {
        Map<String, Object> m = jdbc.queryForMap("SELECT COUNT(*) AS n, MIN(created_month) AS lo, MAX(created_month) AS hi "
                + "FROM mart_lead WHERE tenant = ?", TENANT);
        long n = ((Number) m.get("n")).longValue();
        Number lo = (Number) m.get("lo");
        Number hi = (Number) m.get("hi");
        return n == leads && lo != null && hi != null && lo.intValue() >= key(month.minusMonths(MONTHS - 1))
                && hi.intValue() <= key(month);
    }

    private static int key(YearMonth m) {
        return m.getYear() * 100 + m.getMonthValue();
    }

    private void buildMarts(YearMonth month) {
        MapSqlParameterSource p = new MapSqlParameterSource().addValue("tenant", TENANT).addValue("currency", "USD")
                .addValue("model", AttributionModelId.FIRST_TOUCH.id())
                .addValue("neverTouchedBefore", Timestamp.valueOf(month.plusMonths(1).atDay(1).atStartOfDay().minusDays(14)));
        // each lead's outcome from its deal, as the reconcile derives it, then the marts
        for (String path : List.of("sql/core/core_lead_outcome.sql", "sql/marts/mart_lead.sql", "sql/marts/mart_channel_month.sql")) {
            for (String sql : SqlScript.load(path).statements()) {
                named.update(sql, p);
            }
        }
    }

    private static long processCpu() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private static double secs(Duration d) {
        return d.toNanos() / 1e9;
    }

    /** A realistic funnel: 55% handed, a third of those accepted, 8% of handed get a deal, a third of deals won. */
    private static final class Synthesis {
        private final JdbcTemplate jdbc;
        private final long leads;
        private final Random r = new Random(7);
        private final LocalDate first;
        private final LocalDate last;

        Synthesis(JdbcTemplate jdbc, long leads, YearMonth month) {
            this.jdbc = jdbc;
            this.leads = leads;
            this.first = month.minusMonths(MONTHS - 1).atDay(1);
            this.last = month.atEndOfMonth();
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
                    credits.add(new Object[] {TENANT, "crm", id, AttributionModelId.FIRST_TOUCH.id(), 1, key, CHANNELS[ch], campaign,
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
