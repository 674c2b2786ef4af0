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

    public Result run(String tenant) {
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

    private void dropScratch() {
        for (String t : List.of("bench_member", "bench_lead", "bench_account", "bench_link")) {
            jdbc.execute("DROP TABLE IF EXISTS " + t);
        }
    }
}
