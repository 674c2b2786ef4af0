package io.leadledger.reconcile;

import io.leadledger.jobs.SyncDefinition;
import io.leadledger.jobs.TenantSettings;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a tenant's reconcile is built from, as two fingerprints: the settings (tenant and sync definitions, and the
 * reconcile's own code and SQL as deployed: a new release rebuilds) and the data (every staging table's count and
 * content checksum, the FX rates and the link overrides). The as-of day enters only through the "never touched"
 * line, checked on its own ({@link #crossesNeverTouched}).
 */
@Component
public class ReconcileInputs {

    /** The staging tables the reconcile reads. */
    static final List<String> STAGING = List.of("stg_lead", "stg_deal", "stg_spend", "stg_touch");

    /** Staging columns no reconcile statement reads: where and when a row was staged, and its cells as received. */
    static final java.util.Set<String> NOT_READ = java.util.Set.of("tenant", "run_id", "row_num", "source_file", "raw_row");

    private final JdbcTemplate jdbc;
    private final io.leadledger.warehouse.Dialect dialect;
    private volatile String codeHash;
    private final java.util.Map<String, String> checksums = new java.util.concurrent.ConcurrentHashMap<>();

    public ReconcileInputs(JdbcTemplate jdbc, io.leadledger.warehouse.Dialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /** The inputs of tonight's reconcile. */
    public record Fingerprint(String settings, String data) {
    }

    /** The last complete reconcile of a tenant. */
    public record State(String settings, String data, LocalDateTime neverTouchedBefore, LocalDate asOf, Long runId,
                        LocalDateTime reconciledAt) {
    }

    public Fingerprint of(TenantSettings tenant, SyncDefinition sync) {
        return new Fingerprint(sha256(code() + "\n" + canonical(tenant) + "\n" + canonical(sync)), data(tenant.id()));
    }

    private String data(String tenant) {
        StringBuilder s = new StringBuilder();
        for (String table : STAGING) {
            jdbc.query("SELECT COUNT(*), " + checksum(table) + " FROM " + table + " WHERE tenant = ?",
                    rs -> { s.append(table).append(' ').append(rs.getLong(1)).append(' ').append(rs.getString(2))
                            .append(' ').append(rs.getString(3)).append('\n'); }, tenant);
        }
        // small tables, read whole: their rows carry no run
        jdbc.query("SELECT currency, rate_date, per_eur FROM fx_rate WHERE tenant = ? ORDER BY currency, rate_date",
                rs -> { s.append(rs.getString(1)).append(rs.getDate(2)).append(rs.getBigDecimal(3).stripTrailingZeros().toPlainString())
                        .append('\n'); }, tenant);
        jdbc.query("SELECT source_name, record_id, lead_key FROM link_override WHERE tenant = ? ORDER BY source_name, record_id",
                rs -> { s.append(rs.getString(1)).append('\u0000').append(rs.getString(2)).append('\u0000')
                        .append(rs.getString(3)).append('\n'); }, tenant);
        return sha256(s.toString());
    }

    /**
     * Two sums of independent 32-bit hashes of every row's content (the columns the reconcile reads, a null told
     * apart from any value): a row changed, added or deleted moves them; a row staged again unchanged (an API
     * source's overlap read again, an export re-sent) does not. Server functions differ, the idea does not: CRC32
     * and MD5's first 32 bits on MySQL/MariaDB (as integers: a sum of strings would be a double), ORA_HASH with
     * two seeds on H2.
     */
    private String checksum(String table) {
        return checksums.computeIfAbsent(table, t -> {
            String row = row(readColumns(t), "");
            return dialect.h2()
                    ? "SUM(ORA_HASH(" + row + ", 4294967295, 1)), SUM(ORA_HASH(" + row + ", 4294967295, 2))"
                    : "SUM(CRC32(" + row + ")), SUM(CAST(CONV(LEFT(MD5(" + row + "), 8), 16, 10) AS UNSIGNED))";
        });
    }

    /**
     * The body of the {@code lead_row_hash(t)} macro: a hex digest of a stg_lead row's content (the columns the
     * reconcile reads, as the fingerprint sees them) under alias {@code {{ t }}}. MD5 on MySQL/MariaDB, SHA-256 on H2
     * (no MD5 function there); one server only ever compares its own digests.
     */
    public String leadRowHash() {
        return checksums.computeIfAbsent("lead_row_hash", k -> {
            String row = row(readColumns("stg_lead"), "{{ t }}.");
            return dialect.h2() ? "RAWTOHEX(HASH('SHA-256', " + row + "))" : "MD5(" + row + ")";
        });
    }

    private List<String> readColumns(String table) {
        return jdbc.queryForList("""
                SELECT LOWER(COLUMN_NAME) FROM INFORMATION_SCHEMA.COLUMNS
                WHERE TABLE_SCHEMA = SCHEMA() AND LOWER(TABLE_NAME) = ? ORDER BY ORDINAL_POSITION""", String.class, table)
                .stream().filter(c -> !NOT_READ.contains(c)).toList();
    }

    /** A row as one text, a null told apart from any value. */
    private static String row(List<String> columns, String prefix) {
        return "CONCAT_WS('|', " + columns.stream()
                .map(c -> "CASE WHEN " + prefix + c + " IS NULL THEN '~' ELSE CONCAT('=', " + prefix + c + ") END")
                .collect(java.util.stream.Collectors.joining(", ")) + ")";
    }

    public Optional<State> last(String tenant) {
        return jdbc.query("SELECT settings_hash, data_hash, never_touched_before, as_of, run_id, reconciled_at "
                + "FROM reconcile_state WHERE tenant = ?", (rs, i) -> new State(rs.getString(1), rs.getString(2),
                rs.getTimestamp(3).toLocalDateTime(), rs.getDate(4).toLocalDate(),
                rs.getObject(5) == null ? null : rs.getLong(5), rs.getTimestamp(6).toLocalDateTime()), tenant)
                .stream().findFirst();
    }

    /** Records a complete reconcile; called inside its transaction. */
    public void save(String tenant, Fingerprint f, LocalDateTime neverTouchedBefore, LocalDate asOf, Long runId,
                     LocalDateTime now) {
        jdbc.update("DELETE FROM reconcile_state WHERE tenant = ?", tenant);
        jdbc.update("INSERT INTO reconcile_state (tenant, settings_hash, data_hash, never_touched_before, as_of, run_id, "
                + "reconciled_at) VALUES (?,?,?,?,?,?,?)", tenant, f.settings(), f.data(), Timestamp.valueOf(neverTouchedBefore),
                java.sql.Date.valueOf(asOf), runId, Timestamp.valueOf(now.withNano(0)));
    }

    /** Forgets the last reconcile (the next one rebuilds): what a change outside the fingerprint must call. */
    public void forget(String tenant) {
        jdbc.update("DELETE FROM reconcile_state WHERE tenant = ?", tenant);
    }

    /**
     * How many leads change between "pending" and "never touched" when the line moves from {@code before} to
     * {@code now}: handed, no first sales activity, handed between the two lines (either way round).
     */
    public long crossesNeverTouched(String tenant, LocalDateTime before, LocalDateTime now) {
        if (before.equals(now)) {
            return 0;
        }
        LocalDateTime from = before.isBefore(now) ? before : now;
        LocalDateTime to = before.isBefore(now) ? now : before;
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM core_lead WHERE tenant = ? AND first_touch_at IS NULL "
                + "AND handed_at >= ? AND handed_at < ?", Long.class, tenant, Timestamp.valueOf(from), Timestamp.valueOf(to));
        return n == null ? 0 : n;
    }

    /** The reconcile's classes and SQL as deployed, hashed once per process. */
    private String code() {
        String h = codeHash;
        if (h == null) {
            try {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                PathMatchingResourcePatternResolver r = new PathMatchingResourcePatternResolver(getClass().getClassLoader());
                Resource[] found = concat(r.getResources("classpath*:io/leadledger/reconcile/**/*.class"),
                        r.getResources("classpath*:sql/**/*.sql"));
                Arrays.sort(found, Comparator.comparing(ReconcileInputs::name));
                for (Resource res : found) {
                    md.update(name(res).getBytes(StandardCharsets.UTF_8));
                    try (InputStream in = res.getInputStream()) {
                        md.update(in.readAllBytes());
                    }
                }
                h = HexFormat.of().formatHex(md.digest());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            codeHash = h;
        }
        return h;
    }

    private static Resource[] concat(Resource[] a, Resource[] b) {
        Resource[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static String name(Resource r) {
        try {
            String u = r.getURL().toString();
            int i = Math.max(u.lastIndexOf("io/leadledger/"), u.lastIndexOf("sql/"));
            return i >= 0 ? u.substring(i) : u;
        } catch (IOException e) {
            return String.valueOf(r.getFilename());
        }
    }

    /**
     * A value as text that does not depend on the order of a map's entries: records by their components, maps sorted
     * by key, collections in order, everything else by toString.
     */
    static String canonical(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Record r) {
            StringBuilder s = new StringBuilder(r.getClass().getSimpleName()).append('{');
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    s.append(c.getName()).append('=').append(canonical(c.getAccessor().invoke(r))).append(';');
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return s.append('}').toString();
        }
        if (v instanceof Map<?, ?> m) {
            TreeMap<String, String> sorted = new TreeMap<>();
            m.forEach((k, x) -> sorted.put(canonical(k), canonical(x)));
            return sorted.toString();
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(ReconcileInputs::canonical).toList().toString();
        }
        if (v.getClass().isArray() && v instanceof Object[] a) {
            return canonical(Arrays.asList(a));
        }
        return v.toString();
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
