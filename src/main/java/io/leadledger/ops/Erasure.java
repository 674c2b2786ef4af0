package io.leadledger.ops;

import io.leadledger.jobs.Workspace;
import io.leadledger.reconcile.Reconciler;
import io.leadledger.warehouse.TenantTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What data-protection law asks of an agency: removing a client company (tenant) completely, and erasing one person
 * from a tenant. Both hold the tenant's job locks, so no run of it is under way, and change the warehouse in one
 * transaction: it happens whole or not at all.
 */
@Component
public class Erasure {

    private static final Logger log = LoggerFactory.getLogger(Erasure.class);

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TenantTables tables;
    private final TransactionTemplate tx;
    private final JobLocks locks;
    private final Reconciler reconciler;
    private final Clock clock;

    public Erasure(JdbcTemplate jdbc, TenantTables tables, TransactionTemplate tx, JobLocks locks, Reconciler reconciler,
                   Clock clock) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.tables = tables;
        this.tx = tx;
        this.locks = locks;
        this.reconciler = reconciler;
        this.clock = clock;
    }

    /** The tenant's rows per warehouse table (tables without any left out), as a delete would remove them. */
    public Map<String, Long> rowsOf(String tenant) {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String t : tables.all()) {
            Long n = jdbc.queryForObject("SELECT COUNT(*) FROM " + t + " WHERE tenant = ?", Long.class, tenant);
            if (n != null && n > 0) {
                rows.put(t, n);
            }
        }
        return rows;
    }

    /**
     * Removes every row of the tenant from every warehouse table with a tenant column (the list read from the
     * database's catalogue, so a table added later is never missed), its job locks, and its report files under
     * {@code reportsDir/<tenant>} when given. Holds the tenant's two job locks meanwhile.
     *
     * @return the rows deleted per table
     * @throws JobLockedException when a run of the tenant holds a lock
     */
    public Map<String, Long> deleteTenant(String tenant, List<String> jobs, Path reportsDir) throws Exception {
        Map<String, Long> deleted = new LinkedHashMap<>();
        holding(tenant, jobs, 0, () -> {
            tx.executeWithoutResult(s -> {
                for (String t : tables.all()) {
                    int n = jdbc.update("DELETE FROM " + t + " WHERE tenant = ?", tenant);
                    if (n > 0) {
                        deleted.put(t, (long) n);
                    }
                }
            });
            return null;
        });
        // after the locks are released: their rows go too (a prefix compare, not LIKE: '_' in an id is a wildcard)
        jdbc.update("DELETE FROM shedlock WHERE LEFT(name, ?) = ?", tenant.length() + 1, tenant + ":");
        if (reportsDir != null) {
            deleteTree(reportsDir.resolve(tenant));
        }
        log.info("tenant {} deleted: {} rows from {} tables", tenant, deleted.values().stream().mapToLong(Long::longValue).sum(),
                deleted.size());
        return deleted;
    }

    /**
     * What was erased of a person.
     *
     * @param leadKeys     the person's leads as they were (identity e-mails, or source:id)
     * @param leadRecords  staging lead records deleted (every record of those leads, under any address)
     * @param touches      campaign touches deleted
     * @param dealContacts deals kept (the company's) with their contact address and raw cells cleared
     * @param quarantined  quarantined rows deleted (any of the person's addresses in the row)
     * @param overrides    link overrides (and their audit lines) deleted
     */
    public record Forgotten(List<String> leadKeys, int leadRecords, int touches, int dealContacts, int quarantined,
                            int overrides) {

        public boolean found() {
            return !leadKeys.isEmpty() || leadRecords + touches + dealContacts + quarantined + overrides > 0;
        }
    }

    /**
     * Erases a person from the tenant of {@code ws}: every staging record of the leads that have a record with
     * {@code email} (under any of their addresses, merged ones included), their campaign touches, the contact
     * address and raw cells of deals that name one of those addresses (the deal, the company's, stays), quarantined
     * rows that hold one, and overrides that name one; then the reconcile rebuilds the tenant, so no core, attribution
     * or mart row keeps them. One transaction, holding the sync's lock. Reports already written keep what they show
     * until they are written again.
     */
    public Forgotten forget(Workspace ws, String email) throws Exception {
        String tenant = ws.tenant().id();
        String address = email.strip().toLowerCase(Locale.ROOT);
        return holding(tenant, List.of(ws.sync().job()), 0, () -> tx.execute(s -> {
            MapSqlParameterSource p = new MapSqlParameterSource("tenant", tenant).addValue("address", address);
            List<String> leadKeys = new ArrayList<>(new LinkedHashSet<>(named.queryForList("""
                    SELECT m.lead_key FROM stg_lead s
                    JOIN int_lead_member m ON m.tenant = s.tenant AND m.source_name = s.source_name AND m.record_id = s.record_id
                    WHERE s.tenant = :tenant AND s.email_norm = :address
                    UNION
                    SELECT lead_key FROM core_lead WHERE tenant = :tenant AND lead_key = :address
                    ORDER BY 1""", p, String.class)));
            p.addValue("leads", leadKeys.isEmpty() ? List.of("\u0000") : leadKeys);
            // every address the person's records carry, and the one asked for
            Set<String> addresses = new LinkedHashSet<>(List.of(address));
            addresses.addAll(named.queryForList("""
                    SELECT DISTINCT s.email_norm FROM int_lead_member m
                    JOIN stg_lead s ON s.tenant = m.tenant AND s.source_name = m.source_name AND s.record_id = m.record_id
                    WHERE m.tenant = :tenant AND m.lead_key IN (:leads) AND s.email_norm IS NOT NULL""", p, String.class));
            p.addValue("addresses", List.copyOf(addresses));
            int touches = named.update("""
                    DELETE FROM stg_touch WHERE tenant = :tenant AND (email_norm IN (:addresses)
                      OR EXISTS (SELECT 1 FROM int_touch t WHERE t.tenant = stg_touch.tenant AND t.source_name = stg_touch.source_name
                                 AND t.record_id = stg_touch.record_id AND t.lead_key IN (:leads)))""", p);
            int records = named.update("""
                    DELETE FROM stg_lead WHERE tenant = :tenant AND (email_norm IN (:addresses)
                      OR EXISTS (SELECT 1 FROM int_lead_member m WHERE m.tenant = stg_lead.tenant
                                 AND m.source_name = stg_lead.source_name AND m.record_id = stg_lead.record_id
                                 AND m.lead_key IN (:leads)))""", p);
            int deals = named.update("""
                    UPDATE stg_deal SET contact_email = NULL, email_norm = NULL, raw_row = NULL
                    WHERE tenant = :tenant AND email_norm IN (:addresses)""", p);
            int quarantined = 0;
            for (String a : addresses) {
                quarantined += jdbc.update("DELETE FROM quarantine WHERE tenant = ? AND (LOCATE(?, LOWER(COALESCE(raw_row, ''))) > 0"
                        + " OR LOCATE(?, LOWER(COALESCE(raw_value, ''))) > 0)", tenant, a, a);
            }
            p.addValue("named", Stream.concat(addresses.stream(), leadKeys.stream()).distinct().toList());
            int overrides = named.update("DELETE FROM link_override WHERE tenant = :tenant AND LOWER(lead_key) IN (:named)", p);
            named.update("DELETE FROM link_override_audit WHERE tenant = :tenant AND (LOWER(lead_key) IN (:named)"
                    + " OR LOWER(previous_key) IN (:named))", p);
            // the tables built from staging, rebuilt in this transaction: the person leaves every one of them
            reconciler.reconcile(ws.tenant(), ws.sync(), LocalDate.now(clock.withZone(ws.tenant().zone())), true, null);
            Forgotten f = new Forgotten(List.copyOf(leadKeys), records, touches, deals, quarantined, overrides);
            log.info("tenant {}: a person erased ({} leads, {} lead records, {} touches, {} deal contacts, {} quarantined rows,"
                    + " {} overrides)", tenant, leadKeys.size(), records, touches, deals, quarantined, overrides);
            return f;
        }));
    }

    /** Runs {@code task} holding the locks of {@code jobs} from {@code i} on (nested, in order). */
    private <T> T holding(String tenant, List<String> jobs, int i, java.util.concurrent.Callable<T> task) throws Exception {
        if (i == jobs.size()) {
            return task.call();
        }
        return locks.callExclusive(tenant, jobs.get(i), () -> holding(tenant, jobs, i + 1, task));
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
