package io.leadledger.reconcile;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
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
        for (String ccy : currencies) {
            TreeMap<LocalDate, BigDecimal> from = rates(perEur, ccy);
            TreeMap<LocalDate, BigDecimal> to = rates(perEur, reporting);
            if (from == null || to == null) {
                continue; // every amount in it is reported missing by the check
            }
            LocalDate start = from.firstKey().isAfter(to.firstKey()) ? from.firstKey() : to.firstKey();
            for (LocalDate d = start; !d.isAfter(end); d = d.plusDays(1)) {
                BigDecimal factor = to.floorEntry(d).getValue().divide(from.floorEntry(d).getValue(), 10, RoundingMode.HALF_UP);
                rows.add(new Object[] {tenant, ccy, java.sql.Date.valueOf(d), factor});
            }
        }
        jdbc.batchUpdate("INSERT INTO core_fx_daily (tenant, currency, rate_date, to_reporting) VALUES (?,?,?,?)", rows);
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

    /** Fails naming currency and date when any staged amount has no rate. */
    public void checkComplete(String tenant, String reporting) {
        List<String> missing = jdbc.query("""
                SELECT x.currency, MIN(x.d) AS first_day, COUNT(*) AS n FROM (
                  SELECT s.currency, s.close_date AS d FROM stg_deal s
                  LEFT JOIN core_fx_daily f ON f.tenant = s.tenant AND f.currency = s.currency AND f.rate_date = s.close_date
                  WHERE s.tenant = ? AND s.currency <> ? AND s.is_deleted = 0 AND f.to_reporting IS NULL
                  UNION ALL
                  SELECT s.currency, s.spend_date FROM stg_spend s
                  LEFT JOIN core_fx_daily f ON f.tenant = s.tenant AND f.currency = s.currency AND f.rate_date = s.spend_date
                  WHERE s.tenant = ? AND s.currency <> ? AND f.to_reporting IS NULL
                ) x GROUP BY x.currency ORDER BY x.currency""",
                (rs, i) -> rs.getString(1) + " on " + rs.getDate(2).toLocalDate() + " (" + rs.getLong(3) + " amounts)",
                tenant, reporting, tenant, reporting);
        if (!missing.isEmpty()) {
            throw new MissingFxRateException("no exchange rate to " + reporting + " for " + String.join("; ", missing)
                    + ": add rates on or before those dates to the FX file configured as 'fx' in nightly-sync.yml"
                    + " (ECB eurofxref-hist.csv format)");
        }
    }
}
