package io.leadledger.bench;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The yardstick for the reconcile's matching part: the same matching written by hand as plain INSERT ... SELECT
 * joins into scratch tables (MySQL/MariaDB), over the same staging rows. Leads deduplicated by e-mail with the
 * plus tag stripped (the default identity rule); deals linked by explicit id, then e-mail, then the account's
 * domain learned from its contacts (free mail and domains of several accounts refused; the latest lead created
 * on or before the deal, else the earliest). What it leaves out, and the reconcile does: tenants, HubSpot
 * merges, domain aliases, Gmail dots, websites, overrides, the unmatched lists and the audit columns.
 */
@Component
@Lazy // built only when a 'bench' command runs: never part of an ordinary start, nor of its failures
public class SqlOnlyMatching {

    /** The CASE both sides use for the plus-tag rule, inlined here as someone would write it by hand. */
    private static final String IDENT = """
            CASE WHEN LOCATE('+', %1$s) BETWEEN 2 AND LOCATE('@', %1$s)
                 THEN CONCAT(LEFT(%1$s, LOCATE('+', %1$s) - 1), SUBSTRING(%1$s, LOCATE('@', %1$s))) ELSE %1$s END""";
    private static final String TABLE_OPTIONS = " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public SqlOnlyMatching(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    public record Result(long millis, long leads, Map<String, Long> links) {
    }

    /** The matching alone. */
    public Result run(String tenant) {
        return run(tenant, false, null);
    }

    /**
     * The whole nightly cycle someone would otherwise write by hand, in one transaction: the matching, then each
     * person's first record as their first touch (channel through the tenant's channel map, campaign), the won deals
     * linked to them in the reporting currency (the daily FX table), first-touch and linear credits (linear: equal
     * shares over the person's lead records), the monthly lead funnel by channel and campaign (created, handed,
     * accepted, rejected, never touched, won deals and revenue) and revenue by close month, model, channel and
     * campaign. The yardstick for the whole reconcile, which does more (six more models, stages, unmatched lists).
     *
     * @param neverTouchedBefore handed before this with no first sales activity: never touched
     */
    public Result runWhole(String tenant, java.time.LocalDateTime neverTouchedBefore) {
        return run(tenant, true, neverTouchedBefore);
    }

    private Result run(String tenant, boolean whole, java.time.LocalDateTime neverTouchedBefore) {
        dropScratch();
        jdbc.execute("""
                CREATE TABLE bench_member (source_name VARCHAR(64) NOT NULL, record_id VARCHAR(128) NOT NULL,
                  lead_key VARCHAR(320) NOT NULL, created_at DATETIME NOT NULL, PRIMARY KEY (source_name, record_id),
                  KEY (record_id))""" + TABLE_OPTIONS);
        jdbc.execute("""
                CREATE TABLE bench_lead (lead_key VARCHAR(320) NOT NULL, created_at DATETIME NOT NULL,
                  email_domain VARCHAR(255), PRIMARY KEY (lead_key), KEY (email_domain))""" + TABLE_OPTIONS);
        jdbc.execute("""
                CREATE TABLE bench_account (account_key VARCHAR(300) NOT NULL, domain VARCHAR(255) NOT NULL,
                  PRIMARY KEY (account_key), KEY (domain))""" + TABLE_OPTIONS);
        jdbc.execute("""
                CREATE TABLE bench_link (source_name VARCHAR(64) NOT NULL, record_id VARCHAR(128) NOT NULL,
                  lead_key VARCHAR(320) NOT NULL, match_method VARCHAR(32) NOT NULL,
                  PRIMARY KEY (source_name, record_id))""" + TABLE_OPTIONS);
        if (whole) {
            createWholeScratch();
        }
        long t0 = System.nanoTime();
        tx.executeWithoutResult(status -> {
            jdbc.update("""
                    INSERT INTO bench_member (source_name, record_id, lead_key, created_at)
                    SELECT source_name, record_id, COALESCE(%s, CONCAT(source_name, ':', record_id)), created_at
                    FROM stg_lead WHERE tenant = ? AND is_deleted = 0""".formatted(IDENT.formatted("email_norm")), tenant);
            jdbc.update("""
                    INSERT INTO bench_lead (lead_key, created_at, email_domain)
                    SELECT lead_key, MIN(created_at),
                           CASE WHEN LOCATE('@', lead_key) > 0 THEN SUBSTRING(lead_key, LOCATE('@', lead_key) + 1) END
                    FROM bench_member GROUP BY lead_key""");
            jdbc.update("""
                    INSERT INTO bench_link (source_name, record_id, lead_key, match_method)
                    SELECT d.source_name, d.record_id, MIN(m.lead_key), 'explicit_id'
                    FROM stg_deal d JOIN bench_member m ON m.record_id = d.lead_ref
                    WHERE d.tenant = ? AND d.is_deleted = 0
                    GROUP BY d.source_name, d.record_id HAVING COUNT(DISTINCT m.lead_key) = 1""", tenant);
            jdbc.update("""
                    INSERT INTO bench_link (source_name, record_id, lead_key, match_method)
                    SELECT d.source_name, d.record_id, l.lead_key, 'email'
                    FROM stg_deal d JOIN bench_lead l ON l.lead_key = %s
                    WHERE d.tenant = ? AND d.is_deleted = 0 AND d.email_norm IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM bench_link k WHERE k.source_name = d.source_name AND k.record_id = d.record_id)"""
                    .formatted(IDENT.formatted("d.email_norm")), tenant);
            jdbc.update("""
                    INSERT INTO bench_account (account_key, domain)
                    SELECT LOWER(d.account_name), MIN(SUBSTRING(d.email_norm, LOCATE('@', d.email_norm) + 1))
                    FROM stg_deal d
                    LEFT JOIN free_mail_domain f ON f.tenant = d.tenant
                         AND f.domain = SUBSTRING(d.email_norm, LOCATE('@', d.email_norm) + 1)
                    WHERE d.tenant = ? AND d.is_deleted = 0 AND d.account_name IS NOT NULL AND d.email_norm IS NOT NULL
                      AND f.domain IS NULL
                    GROUP BY LOWER(d.account_name)""", tenant);
            jdbc.update("""
                    INSERT INTO bench_link (source_name, record_id, lead_key, match_method)
                    SELECT z.source_name, z.record_id, z.lead_key, 'domain'
                    FROM (
                      SELECT d.source_name, d.record_id, l.lead_key,
                             ROW_NUMBER() OVER (PARTITION BY d.source_name, d.record_id
                               ORDER BY CASE WHEN CAST(l.created_at AS DATE) <= COALESCE(CAST(d.created_at AS DATE), d.close_date) THEN 0 ELSE 1 END,
                                        CASE WHEN CAST(l.created_at AS DATE) <= COALESCE(CAST(d.created_at AS DATE), d.close_date) THEN l.created_at END DESC,
                                        l.created_at, l.lead_key) AS rn
                      FROM stg_deal d
                      JOIN bench_account a ON a.account_key = LOWER(d.account_name)
                      JOIN bench_lead l ON l.email_domain = a.domain
                      WHERE d.tenant = ? AND d.is_deleted = 0
                        AND NOT EXISTS (SELECT 1 FROM bench_link k WHERE k.source_name = d.source_name AND k.record_id = d.record_id)
                        AND NOT EXISTS (SELECT 1 FROM bench_account a2 WHERE a2.domain = a.domain AND a2.account_key <> a.account_key)
                    ) z
                    WHERE z.rn = 1""", tenant);
            if (whole) {
                wholeCycle(tenant, neverTouchedBefore);
            }
        });
        long millis = (System.nanoTime() - t0) / 1_000_000;
        Long leads = jdbc.queryForObject("SELECT COUNT(*) FROM bench_lead", Long.class);
        Map<String, Long> links = new TreeMap<>();
        jdbc.query("SELECT match_method, COUNT(*) FROM bench_link GROUP BY match_method", rs -> {
            links.put(rs.getString(1), rs.getLong(2));
        });
        dropScratch();
        return new Result(millis, leads == null ? 0 : leads, links);
    }

    private void createWholeScratch() {
        jdbc.execute("""
                CREATE TABLE bench_touch (lead_key VARCHAR(320) NOT NULL, source_name VARCHAR(64) NOT NULL,
                  record_id VARCHAR(128) NOT NULL, channel VARCHAR(300) NOT NULL, campaign VARCHAR(300) NOT NULL,
                  created_at DATETIME NOT NULL, handed_at DATETIME, accepted_at DATETIME, rejected TINYINT,
                  first_touch_at DATETIME, rn INT NOT NULL, n INT NOT NULL, PRIMARY KEY (source_name, record_id),
                  KEY (lead_key, rn))""" + TABLE_OPTIONS);
        jdbc.execute("""
                CREATE TABLE bench_won (source_name VARCHAR(64) NOT NULL, record_id VARCHAR(128) NOT NULL,
                  lead_key VARCHAR(320) NOT NULL, close_date DATE, amount_rpt DECIMAL(24,6) NOT NULL,
                  PRIMARY KEY (source_name, record_id), KEY (lead_key))""" + TABLE_OPTIONS);
        jdbc.execute("""
                CREATE TABLE bench_credit (source_name VARCHAR(64) NOT NULL, record_id VARCHAR(128) NOT NULL,
                  model VARCHAR(16) NOT NULL, channel VARCHAR(300) NOT NULL, campaign VARCHAR(300) NOT NULL,
                  credit_rpt DECIMAL(24,6) NOT NULL, KEY (source_name, record_id))""" + TABLE_OPTIONS);
        jdbc.execute("""
                CREATE TABLE bench_lead_won (lead_key VARCHAR(320) NOT NULL, deals BIGINT NOT NULL,
                  revenue DECIMAL(24,6) NOT NULL, PRIMARY KEY (lead_key))""" + TABLE_OPTIONS);
        jdbc.execute("""
                CREATE TABLE bench_month (month_key INT NOT NULL, channel VARCHAR(300) NOT NULL, campaign VARCHAR(300) NOT NULL,
                  leads_created BIGINT NOT NULL, leads_handed BIGINT NOT NULL, accepted BIGINT NOT NULL, rejected BIGINT NOT NULL,
                  never_touched BIGINT NOT NULL, deals_won BIGINT NOT NULL, revenue_won DECIMAL(24,6) NOT NULL,
                  PRIMARY KEY (month_key, channel, campaign))""" + TABLE_OPTIONS);
        jdbc.execute("""
                CREATE TABLE bench_revenue_month (month_key INT NOT NULL, model VARCHAR(16) NOT NULL,
                  channel VARCHAR(300) NOT NULL, campaign VARCHAR(300) NOT NULL, revenue DECIMAL(24,6) NOT NULL,
                  PRIMARY KEY (month_key, model, channel, campaign))""" + TABLE_OPTIONS);
    }

    private void wholeCycle(String tenant, java.time.LocalDateTime neverTouchedBefore) {
        jdbc.update("""
                INSERT INTO bench_touch (lead_key, source_name, record_id, channel, campaign, created_at, handed_at,
                                         accepted_at, rejected, first_touch_at, rn, n)
                SELECT m.lead_key, m.source_name, m.record_id, COALESCE(c.channel, s.source_raw, '(none)'),
                       COALESCE(s.campaign, '(none)'), s.created_at, s.handed_at, s.accepted_at, s.rejected, s.first_touch_at,
                       ROW_NUMBER() OVER (PARTITION BY m.lead_key ORDER BY s.created_at, m.source_name, m.record_id),
                       COUNT(*) OVER (PARTITION BY m.lead_key)
                FROM bench_member m
                JOIN stg_lead s ON s.tenant = ? AND s.source_name = m.source_name AND s.record_id = m.record_id
                LEFT JOIN channel_map c ON c.tenant = s.tenant AND c.raw_value = LOWER(s.source_raw)""", tenant);
        jdbc.update("""
                INSERT INTO bench_won (source_name, record_id, lead_key, close_date, amount_rpt)
                SELECT d.source_name, d.record_id, k.lead_key, d.close_date, d.amount * COALESCE(f.to_reporting, 1)
                FROM stg_deal d
                JOIN bench_link k ON k.source_name = d.source_name AND k.record_id = d.record_id
                LEFT JOIN core_fx_daily f ON f.tenant = d.tenant AND f.currency = d.currency AND f.rate_date = d.close_date
                WHERE d.tenant = ? AND d.is_deleted = 0 AND d.is_won = 1""", tenant);
        jdbc.update("""
                INSERT INTO bench_credit (source_name, record_id, model, channel, campaign, credit_rpt)
                SELECT w.source_name, w.record_id, 'first_touch', t.channel, t.campaign, w.amount_rpt
                FROM bench_won w JOIN bench_touch t ON t.lead_key = w.lead_key AND t.rn = 1""");
        jdbc.update("""
                INSERT INTO bench_credit (source_name, record_id, model, channel, campaign, credit_rpt)
                SELECT w.source_name, w.record_id, 'linear', t.channel, t.campaign, w.amount_rpt / t.n
                FROM bench_won w JOIN bench_touch t ON t.lead_key = w.lead_key""");
        // per person first, with a key: MariaDB joins a grouped derived table row by row (22 s at 100,000 leads)
        jdbc.update("""
                INSERT INTO bench_lead_won (lead_key, deals, revenue)
                SELECT lead_key, COUNT(*), SUM(amount_rpt) FROM bench_won GROUP BY lead_key""");
        jdbc.update("""
                INSERT INTO bench_month (month_key, channel, campaign, leads_created, leads_handed, accepted, rejected,
                                         never_touched, deals_won, revenue_won)
                SELECT YEAR(t.created_at) * 100 + MONTH(t.created_at), t.channel, t.campaign, COUNT(*),
                       SUM(CASE WHEN t.handed_at IS NOT NULL THEN 1 ELSE 0 END),
                       SUM(CASE WHEN t.handed_at IS NOT NULL AND (t.accepted_at IS NOT NULL OR w.deals IS NOT NULL) THEN 1 ELSE 0 END),
                       SUM(CASE WHEN t.handed_at IS NOT NULL AND t.accepted_at IS NULL AND w.deals IS NULL AND t.rejected = 1 THEN 1 ELSE 0 END),
                       SUM(CASE WHEN t.handed_at IS NOT NULL AND t.accepted_at IS NULL AND w.deals IS NULL AND COALESCE(t.rejected, 0) = 0
                                 AND t.first_touch_at IS NULL AND t.handed_at < ? THEN 1 ELSE 0 END),
                       COALESCE(SUM(w.deals), 0), COALESCE(SUM(w.revenue), 0)
                FROM bench_touch t
                LEFT JOIN bench_lead_won w ON w.lead_key = t.lead_key
                WHERE t.rn = 1
                GROUP BY YEAR(t.created_at) * 100 + MONTH(t.created_at), t.channel, t.campaign""",
                java.sql.Timestamp.valueOf(neverTouchedBefore));
        jdbc.update("""
                INSERT INTO bench_revenue_month (month_key, model, channel, campaign, revenue)
                SELECT YEAR(w.close_date) * 100 + MONTH(w.close_date), c.model, c.channel, c.campaign, SUM(c.credit_rpt)
                FROM bench_credit c JOIN bench_won w ON w.source_name = c.source_name AND w.record_id = c.record_id
                GROUP BY YEAR(w.close_date) * 100 + MONTH(w.close_date), c.model, c.channel, c.campaign""");
    }

    private void dropScratch() {
        for (String t : List.of("bench_member", "bench_lead", "bench_account", "bench_link", "bench_touch", "bench_won",
                "bench_credit", "bench_lead_won", "bench_month", "bench_revenue_month")) {
            jdbc.execute("DROP TABLE IF EXISTS " + t);
        }
    }
}
