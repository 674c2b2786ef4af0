package io.leadledger.pipeline;

import io.leadledger.report.ReportContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reports' headline figures recomputed straight from the marts and core tables with plain SQL, independently
 * of the report code, to check the generated files against.
 */
final class MartFigures {

    private final JdbcTemplate jdbc;
    private final String tenant;
    private final YearMonth month;

    MartFigures(JdbcTemplate jdbc, String tenant, YearMonth month) {
        this.jdbc = jdbc;
        this.tenant = tenant;
        this.month = month;
    }

    /** "report/kpi" -> {this period, previous period}, as the Summary sheets show them. */
    Map<String, BigDecimal[]> kpis() {
        Map<String, BigDecimal[]> m = new LinkedHashMap<>();
        YearMonth p = month.minusMonths(1);
        m.put("lead-production/leads", pair(leadsCreated(month), leadsCreated(p)));
        m.put("lead-production/spend", pair(spend(month, month), spend(p, p)));
        m.put("lead-production/cpl", pair(money(spend(month, month), leadsCreated(month)), money(spend(p, p), leadsCreated(p))));
        m.put("lead-production/handed", pair(handed(month, month, null), handed(p, p, null)));
        m.put("lead-production/acceptanceRate", pair(acceptance(month, month), acceptance(p, p)));

        YearMonth f = month.minusMonths(11);
        YearMonth pf = month.minusMonths(12);
        m.put("sales-performance/handed", pair(handed(f, month, null), handed(pf, p, null)));
        m.put("sales-performance/accepted", pair(handed(f, month, "funnel_status = 'accepted'"), handed(pf, p, "funnel_status = 'accepted'")));
        m.put("sales-performance/won", pair(handed(f, month, "outcome = 'won'"), handed(pf, p, "outcome = 'won'")));
        m.put("sales-performance/winRate", pair(pct(handed(f, month, "outcome = 'won'"), handed(f, month, "outcome IN ('won', 'lost')")),
                pct(handed(pf, p, "outcome = 'won'"), handed(pf, p, "outcome IN ('won', 'lost')"))));
        m.put("sales-performance/revenueWon", pair(cohortRevenue(f, month), cohortRevenue(pf, p)));

        m.put("roi/spendMonth", pair(spend(month, month), spend(p, p)));
        m.put("roi/revenueMonth", pair(revenueWon(month, month), revenueWon(p, p)));
        m.put("roi/roiMonth", pair(roi(revenueWon(month, month), spend(month, month)), roi(revenueWon(p, p), spend(p, p))));
        m.put("roi/spend12", pair(spend(f, month), spend(pf, p)));
        m.put("roi/revenue12", pair(revenueWon(f, month), revenueWon(pf, p)));
        m.put("roi/roi12", pair(roi(revenueWon(f, month), spend(f, month)), roi(revenueWon(pf, p), spend(pf, p))));
        m.put("roi/roas12", pair(revenueWon(f, month).divide(spend(f, month), 1, RoundingMode.HALF_UP),
                revenueWon(pf, p).divide(spend(pf, p), 1, RoundingMode.HALF_UP)));
        m.put("roi/cac12", pair(money(spend(f, month), dealsWon(f, month)), money(spend(pf, p), dealsWon(pf, p))));
        return m;
    }

    BigDecimal leadsCreated(YearMonth m) {
        return count("SELECT COUNT(*) FROM mart_lead WHERE tenant = ? AND created_month = ?", tenant, ReportContext.key(m));
    }

    BigDecimal spend(YearMonth from, YearMonth to) {
        return sum("SELECT SUM(amount_rpt) FROM core_spend WHERE tenant = ? AND month_key BETWEEN ? AND ?",
                tenant, ReportContext.key(from), ReportContext.key(to));
    }

    /** Every deal won in the months, attributed or not, counted once. */
    BigDecimal revenueWon(YearMonth from, YearMonth to) {
        return sum("SELECT SUM(amount_rpt) FROM core_deal WHERE tenant = ? AND status = 'won' AND close_date BETWEEN ? AND ?",
                tenant, Date.valueOf(from.atDay(1)), Date.valueOf(to.atEndOfMonth()));
    }

    BigDecimal revenueWon(YearMonth m) {
        return revenueWon(m, m);
    }

    BigDecimal campaignSpend(String channel, String campaign, YearMonth from, YearMonth to) {
        return sum("SELECT SUM(amount_rpt) FROM core_spend WHERE tenant = ? AND channel = ? AND campaign = ? AND month_key BETWEEN ? AND ?",
                tenant, channel, campaign, ReportContext.key(from), ReportContext.key(to));
    }

    BigDecimal campaignCohortRevenue(String channel, String campaign, YearMonth from, YearMonth to) {
        return sum("SELECT SUM(won_amount_rpt) FROM mart_lead WHERE tenant = ? AND channel = ? AND campaign = ? AND created_month BETWEEN ? AND ?",
                tenant, channel, campaign, ReportContext.key(from), ReportContext.key(to));
    }

    /** Handed leads with a verdict in the trailing 12 months: accepted ÷ (accepted + rejected + never touched). */
    BigDecimal acceptanceRate12() {
        return acceptance(month.minusMonths(11), month);
    }

    /** Median days from lead creation to the won deal's close, over leads won in the trailing 12 months, rounded up. */
    BigDecimal medianDaysToWin() {
        List<Long> days = new ArrayList<>();
        jdbc.query("SELECT created_at, deal_close_date FROM mart_lead WHERE tenant = ? AND outcome = 'won' AND deal_close_date BETWEEN ? AND ?",
                rs -> {
                    days.add(ChronoUnit.DAYS.between(rs.getTimestamp(1).toLocalDateTime().toLocalDate(), rs.getDate(2).toLocalDate()));
                }, tenant, Date.valueOf(month.minusMonths(11).atDay(1)), Date.valueOf(month.atEndOfMonth()));
        days.sort(Long::compare);
        int n = days.size();
        BigDecimal median = n % 2 == 1 ? BigDecimal.valueOf(days.get(n / 2))
                : BigDecimal.valueOf(days.get(n / 2 - 1) + days.get(n / 2)).divide(BigDecimal.valueOf(2));
        return median.setScale(0, RoundingMode.CEILING);
    }

    List<String> modelsPresent() {
        return jdbc.queryForList("SELECT DISTINCT model FROM core_attribution WHERE tenant = ?", String.class, tenant);
    }

    private BigDecimal handed(YearMonth from, YearMonth to, String condition) {
        return count("SELECT COUNT(*) FROM mart_lead WHERE tenant = ? AND handed_month BETWEEN ? AND ?"
                + (condition == null ? "" : " AND " + condition), tenant, ReportContext.key(from), ReportContext.key(to));
    }

    private BigDecimal acceptance(YearMonth from, YearMonth to) {
        return pct(handed(from, to, "funnel_status = 'accepted'"),
                handed(from, to, "funnel_status IN ('accepted', 'rejected', 'never_touched')"));
    }

    private BigDecimal cohortRevenue(YearMonth from, YearMonth to) {
        return sum("SELECT SUM(won_amount_rpt) FROM mart_lead WHERE tenant = ? AND handed_month BETWEEN ? AND ?",
                tenant, ReportContext.key(from), ReportContext.key(to));
    }

    private BigDecimal dealsWon(YearMonth from, YearMonth to) {
        return count("SELECT COUNT(*) FROM core_deal WHERE tenant = ? AND status = 'won' AND close_date BETWEEN ? AND ?",
                tenant, Date.valueOf(from.atDay(1)), Date.valueOf(to.atEndOfMonth()));
    }

    private BigDecimal count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return BigDecimal.valueOf(n == null ? 0 : n);
    }

    private BigDecimal sum(String sql, Object... args) {
        BigDecimal v = jdbc.queryForObject(sql, BigDecimal.class, args);
        return v == null ? BigDecimal.ZERO : v;
    }

    private static BigDecimal[] pair(BigDecimal now, BigDecimal before) {
        return new BigDecimal[] {now, before};
    }

    private static BigDecimal money(BigDecimal num, BigDecimal den) {
        return den.signum() == 0 ? null : num.divide(den, 2, RoundingMode.HALF_UP);
    }

    private static BigDecimal pct(BigDecimal num, BigDecimal den) {
        return den.signum() == 0 ? null : num.divide(den, 3, RoundingMode.HALF_UP);
    }

    private static BigDecimal roi(BigDecimal revenue, BigDecimal spend) {
        return spend.signum() == 0 ? null : revenue.subtract(spend).divide(spend, 3, RoundingMode.HALF_UP);
    }
}
