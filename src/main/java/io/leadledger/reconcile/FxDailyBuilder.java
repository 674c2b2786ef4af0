package io.leadledger.reconcile;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds core_fx_daily: for every currency the staged deals and spend use and every day from its first
 * published rate on, the factor to the reporting currency, carrying the last published rate over
 * weekends and holidays. Computed in Java with BigDecimal so H2 and MariaDB hold identical factors;
 * conversions in SQL are then a plain multiplication.
 */
@Component
public class FxDailyBuilder {

    private final JdbcTemplate jdbc;

    public FxDailyBuilder(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void build(String tenant, String reporting, LocalDate until) {
        jdbc.update("DELETE FROM core_fx_daily WHERE tenant = ?", tenant);
        jdbc.update("DELETE FROM core_fx_monthly WHERE tenant = ?", tenant);
        List<String> currencies = jdbc.queryForList("""
                SELECT currency FROM stg_deal WHERE tenant = ? AND currency <> ?
                UNION SELECT currency FROM stg_spend WHERE tenant = ? AND currency <> ?""",
                String.class, tenant, reporting, tenant, reporting);
        if (currencies.isEmpty()) {
            return;
        }
        Map<String, TreeMap<LocalDate, BigDecimal>> perEur = new HashMap<>();
        jdbc.query("SELECT currency, rate_date, per_eur FROM fx_rate WHERE tenant = ?", rs -> {
            perEur.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                    .put(rs.getDate(2).toLocalDate(), rs.getBigDecimal(3));
        }, tenant);
        LocalDate maxNeeded = jdbc.queryForObject("""
                SELECT MAX(d) FROM (SELECT MAX(close_date) AS d FROM stg_deal WHERE tenant = ?
                                    UNION ALL SELECT MAX(spend_date) FROM stg_spend WHERE tenant = ?) x""",
                LocalDate.class, tenant, tenant);
        LocalDate end = maxNeeded != null && maxNeeded.isAfter(until) ? maxNeeded : until;
        if (end.isAfter(io.leadledger.extract.ImportLimits.LAST_DATE)) {
            end = io.leadledger.extract.ImportLimits.LAST_DATE; // a row from before import checked dates: no calendar to 9999
        }
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> months = new ArrayList<>();
        for (String ccy : currencies) {
            TreeMap<LocalDate, BigDecimal> from = rates(perEur, ccy);
            TreeMap<LocalDate, BigDecimal> to = rates(perEur, reporting);
            if (from == null || to == null) {
                continue; // every amount in it is reported missing by the check
            }
            LocalDate start = from.firstKey().isAfter(to.firstKey()) ? from.firstKey() : to.firstKey();
            YearMonth month = null;
            BigDecimal sum = BigDecimal.ZERO;
            BigDecimal first = null;
            int published = 0;
            for (LocalDate d = start; !d.isAfter(end); d = d.plusDays(1)) {
                BigDecimal factor = to.floorEntry(d).getValue().divide(from.floorEntry(d).getValue(), 10, RoundingMode.HALF_UP);
                rows.add(new Object[] {tenant, ccy, java.sql.Date.valueOf(d), factor});
                if (!YearMonth.from(d).equals(month)) {
                    addMonth(months, tenant, ccy, month, sum, published, first, start);
                    month = YearMonth.from(d);
                    sum = BigDecimal.ZERO;
                    first = null;
                    published = 0;
                }
                // the ECB's publication days: a month's average is theirs, not one weighted by carried weekends
                if (publishedOn(from, ccy, d) && publishedOn(to, reporting, d)) {
                    sum = sum.add(factor);
                    published++;
                    first = first == null ? factor : first;
                }
            }
            addMonth(months, tenant, ccy, month, sum, published, first, start);
        }
        jdbc.batchUpdate("INSERT INTO core_fx_daily (tenant, currency, rate_date, to_reporting) VALUES (?,?,?,?)", rows);
        jdbc.batchUpdate("""
                INSERT INTO core_fx_monthly (tenant, currency, month_key, month_average, first_business_day)
                VALUES (?,?,?,?,?)""", months);
    }

    /**
     * A month's rates, when the file covers it from its start: its first rate is on or before the month's first
     * business day (a weekend, 1 January and 1 May - the ECB's closing days that can open a month - are skipped).
     */
    private static void addMonth(List<Object[]> months, String tenant, String ccy, YearMonth month, BigDecimal sum,
                                 int published, BigDecimal first, LocalDate start) {
        if (month == null || published == 0 || start.isAfter(firstBusinessDay(month))) {
            return;
        }
        months.add(new Object[] {tenant, ccy, month.getYear() * 100 + month.getMonthValue(),
                sum.divide(BigDecimal.valueOf(published), 10, RoundingMode.HALF_UP), first});
    }

    static LocalDate firstBusinessDay(YearMonth month) {
        LocalDate d = month.atDay(1);
        while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY
                || (d.getDayOfMonth() == 1 && (d.getMonthValue() == 1 || d.getMonthValue() == 5))) {
            d = d.plusDays(1);
        }
        return d;
    }

    private static boolean publishedOn(TreeMap<LocalDate, BigDecimal> series, String ccy, LocalDate d) {
        return ccy.equals("EUR") || series.containsKey(d);
    }

    /** EUR is the ECB base: 1 per EUR on every day. */
    private static TreeMap<LocalDate, BigDecimal> rates(Map<String, TreeMap<LocalDate, BigDecimal>> perEur, String ccy) {
        if (ccy.equals("EUR")) {
            TreeMap<LocalDate, BigDecimal> one = new TreeMap<>();
            one.put(LocalDate.of(1999, 1, 1), BigDecimal.ONE);
            return one;
        }
        return perEur.get(ccy);
    }

    /**
     * Spend sources with an amount that has no rate by the source's spendFxDate (source_setting; month-average
     * when the source has no row), one message each naming the setting, currency and date. A spend source
     * stands alone: the reconcile leaves its spend out and the other sources go on.
     */
    public Map<String, String> spendProblems(String tenant, String reporting) {
        Map<String, String> out = new LinkedHashMap<>();
        jdbc.query("""
                SELECT s.source_name, s.currency, s.month_only, COALESCE(ss.spend_fx_date, 'month-average') AS setting,
                       MIN(s.spend_date) AS first_day, COUNT(*) AS n
                FROM stg_spend s
                LEFT JOIN source_setting ss ON ss.tenant = s.tenant AND ss.source_name = s.source_name
                LEFT JOIN core_fx_daily f ON f.tenant = s.tenant AND f.currency = s.currency AND f.rate_date = s.spend_date
                LEFT JOIN core_fx_monthly fm ON fm.tenant = s.tenant AND fm.currency = s.currency
                     AND fm.month_key = YEAR(s.spend_date) * 100 + MONTH(s.spend_date)
                WHERE s.tenant = ? AND s.currency <> ?
                  AND CASE WHEN s.month_only = 1 AND COALESCE(ss.spend_fx_date, 'month-average') = 'month-average'
                           THEN fm.month_average
                           WHEN s.month_only = 1 AND ss.spend_fx_date = 'first-business-day' THEN fm.first_business_day
                           ELSE f.to_reporting END IS NULL
                GROUP BY s.source_name, s.currency, s.month_only, COALESCE(ss.spend_fx_date, 'month-average')
                ORDER BY s.source_name, s.currency, s.month_only""", rs -> {
            LocalDate day = rs.getDate("first_day").toLocalDate();
            String what = rs.getInt("month_only") == 1
                    ? "spendFxDate: " + rs.getString("setting") + " needs the " + YearMonth.from(day) + " rate"
                    : "no rate on or before " + day;
            out.merge(rs.getString("source_name"), "no exchange rate " + rs.getString("currency") + " to " + reporting
                    + " for " + rs.getLong("n") + " spend rows from " + day + " (" + what + ")", (a, b) -> a + "; " + b);
        }, tenant, reporting);
        return out;
    }

    /** Fails naming currency and date when any staged deal amount has no rate. */
    public void checkComplete(String tenant, String reporting) {
        List<String> missing = jdbc.query("""
                SELECT x.currency, MIN(x.d) AS first_day, COUNT(*) AS n FROM (
                  SELECT s.currency, s.close_date AS d FROM stg_deal s
                  LEFT JOIN core_fx_daily f ON f.tenant = s.tenant AND f.currency = s.currency AND f.rate_date = s.close_date
                  WHERE s.tenant = ? AND s.currency <> ? AND s.is_deleted = 0 AND f.to_reporting IS NULL
                ) x GROUP BY x.currency ORDER BY x.currency""",
                (rs, i) -> rs.getString(1) + " on " + rs.getDate(2).toLocalDate() + " (" + rs.getLong(3) + " amounts)",
                tenant, reporting);
        if (!missing.isEmpty()) {
            throw new MissingFxRateException("no exchange rate to " + reporting + " for " + String.join("; ", missing)
                    + ": add rates on or before those dates to the FX file configured as 'fx' in nightly-sync.yml"
                    + " (ECB eurofxref-hist.csv format)");
        }
    }
}
