package io.leadledger.report.figures;

import io.leadledger.report.ReportContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.leadledger.report.figures.DataCoverage.Count;
import io.leadledger.report.figures.DataCoverage.Input;

/**
 * Reads which inputs the tenant supplied from staging, one grouped query per kind of export. Leads are counted in
 * the month they were created, deals in the month they closed, spend in its month. An input counts as supplied
 * when any row of the 12-month window carries it (a deal amount only when it is not 0). A source set to
 * {@code handedAt: createdAt} supplies hand-off dates although its staging rows have none: the reconcile applies
 * the setting (table source_setting), so the coverage reads it from there too. Campaign touches are counted as the
 * reconcile left them (int_touch), in the month they happened: whether each found its lead is the reconcile's.
 */
@Component
public class CoverageQueries {

    private final JdbcTemplate jdbc;

    public CoverageQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public DataCoverage of(String tenant, YearMonth month) {
        int first = ReportContext.key(month.minusMonths(11));
        int last = ReportContext.key(month);
        List<Count> counts = new ArrayList<>();
        Set<Input> supplied = EnumSet.noneOf(Input.class);
        int[] begins = {Integer.MAX_VALUE};
        jdbc.query("""
                SELECT l.source_name, YEAR(l.created_at) * 100 + MONTH(l.created_at) AS m, COUNT(*) AS n,
                       SUM(CASE WHEN l.handed_at IS NOT NULL OR s.handed_at_created = 1 THEN 1 ELSE 0 END) AS handoff,
                       SUM(CASE WHEN l.accepted_at IS NOT NULL OR l.rejected = 1 THEN 1 ELSE 0 END) AS status,
                       SUM(CASE WHEN l.first_touch_at IS NOT NULL THEN 1 ELSE 0 END) AS touch
                FROM stg_lead l
                LEFT JOIN source_setting s ON s.tenant = l.tenant AND s.source_name = l.source_name
                WHERE l.tenant = ? AND l.is_deleted = 0
                GROUP BY l.source_name, YEAR(l.created_at) * 100 + MONTH(l.created_at)""", rs -> {
            int m = rs.getInt("m");
            begins[0] = Math.min(begins[0], m);
            if (m >= first && m <= last) {
                add(counts, supplied, rs.getString(1), m, rs.getLong("n"), Input.HANDOFF, rs.getLong("handoff"));
                add(counts, supplied, rs.getString(1), m, rs.getLong("n"), Input.STATUS, rs.getLong("status"));
                add(counts, supplied, rs.getString(1), m, rs.getLong("n"), Input.FIRST_TOUCH, rs.getLong("touch"));
            }
        }, tenant);
        jdbc.query("""
                SELECT source_name, YEAR(close_date) * 100 + MONTH(close_date) AS m, COUNT(*) AS n,
                       SUM(CASE WHEN amount <> 0 THEN 1 ELSE 0 END) AS amounts,
                       SUM(CASE WHEN owner_name IS NOT NULL THEN 1 ELSE 0 END) AS owners
                FROM stg_deal WHERE tenant = ? AND is_deleted = 0
                GROUP BY source_name, YEAR(close_date) * 100 + MONTH(close_date)""", rs -> {
            int m = rs.getInt("m");
            begins[0] = Math.min(begins[0], m);
            if (m >= first && m <= last) {
                add(counts, supplied, rs.getString(1), m, rs.getLong("n"), Input.AMOUNTS, rs.getLong("amounts"));
                add(counts, supplied, rs.getString(1), m, rs.getLong("n"), Input.DEAL_OWNER, rs.getLong("owners"));
            }
        }, tenant);
        jdbc.query("""
                SELECT source_name, YEAR(spend_date) * 100 + MONTH(spend_date) AS m, COUNT(*) AS n,
                       SUM(CASE WHEN amount <> 0 THEN 1 ELSE 0 END) AS spend
                FROM stg_spend WHERE tenant = ?
                GROUP BY source_name, YEAR(spend_date) * 100 + MONTH(spend_date)""", rs -> {
            int m = rs.getInt("m");
            begins[0] = Math.min(begins[0], m);
            if (m >= first && m <= last) {
                add(counts, supplied, rs.getString(1), m, rs.getLong("n"), Input.SPEND, rs.getLong("spend"));
            }
        }, tenant);
        // touches by the month they happened; "with a value": those that found their lead
        jdbc.query("""
                SELECT source_name, YEAR(touched_at) * 100 + MONTH(touched_at) AS m, COUNT(*) AS n,
                       SUM(CASE WHEN lead_key IS NOT NULL THEN 1 ELSE 0 END) AS found
                FROM int_touch WHERE tenant = ?
                GROUP BY source_name, YEAR(touched_at) * 100 + MONTH(touched_at)""", rs -> {
            int m = rs.getInt("m");
            if (m >= first && m <= last) {
                add(counts, supplied, rs.getString(1), m, rs.getLong("n"), Input.TOUCHES, rs.getLong("found"));
            }
        }, tenant);
        counts.sort(java.util.Comparator.comparing(Count::input).thenComparing(Count::source).thenComparing(Count::month));
        YearMonth begin = begins[0] == Integer.MAX_VALUE ? null : YearMonth.of(begins[0] / 100, begins[0] % 100);
        return new DataCoverage(begin, List.copyOf(counts), supplied.contains(Input.SPEND), supplied.contains(Input.HANDOFF),
                supplied.contains(Input.STATUS), supplied.contains(Input.FIRST_TOUCH), supplied.contains(Input.AMOUNTS),
                supplied.contains(Input.DEAL_OWNER), supplied.contains(Input.TOUCHES));
    }

    private static void add(List<Count> counts, Set<Input> supplied, String source, int m, long rows, Input input, long with) {
        counts.add(new Count(source, YearMonth.of(m / 100, m % 100), input, rows, with));
        if (with > 0) {
            supplied.add(input);
        }
    }
}
