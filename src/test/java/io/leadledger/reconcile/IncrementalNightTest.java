package io.leadledger.reconcile;

import io.leadledger.jobs.Workspace;
import io.leadledger.support.ReconciledTables;
import io.leadledger.support.TestWarehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incremental night against a full rebuild, over many random change sets (issue 13's property): two tenants get
 * the same staging rows and overrides; every night the same random changes are applied to both (new records, e-mail
 * moves between people, merges in both tools' styles, deletions, new and changed deals, amounts, close dates,
 * stages, lead ids, overrides, touches, spend), the as-of day sometimes moves, one tenant is reconciled as every
 * night and the other with {@code full}, and every int_, core_ and mart_ table of the two must be equal row for row.
 * The data is small and dense on purpose: a few people, colliding record ids across tools, shared company domains,
 * so most changes reach other leads through identity, merges, domains and ids.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncrementalNightTest {

    static final int NIGHTS = 24;
    static final String[] LOCALS = {"ann", "bob", "cy", "dan", "eve", "fay", "gus", "hal", "ivy", "jo", "j.o", "ann+news"};
    static final String[] DOMAINS = {"acme.com", "acme.co.uk", "beta.io", "gmail.com", "googlemail.com", "corp.org"};
    static final String[] SOURCES_RAW = {"google cpc", "webinar", null, "Other", "linkedin"};
    static final String[] CAMPAIGNS = {"Brand", "Generic", null, "Oct webinar"};
    static final String[] STAGES = {null, "lead", "opportunity", "customer", "Customer"};
    static final String[] ACCOUNTS = {"Acme", "Beta", "Corp", null, "acme"};
    static final String[] WEBSITES = {"acme.com", "beta.io", "gmail.com", null, "acme.co.uk", "corp.org"};

    Path tmp;
    final Map<String, TestWarehouse> warehouses = new LinkedHashMap<>();

    @BeforeAll
    void start() throws Exception {
        tmp = Files.createTempDirectory("ll-increment");
        warehouses.put("h2", TestWarehouse.h2(tmp.resolve("h2")));
        warehouses.put("mariadb", TestWarehouse.mariadb("leadledger_increment"));
    }

    @AfterAll
    void stop() {
        warehouses.values().forEach(TestWarehouse::close);
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @CsvSource({"h2, 1", "h2, 2", "h2, 4", "h2, 5", "mariadb, 1", "mariadb, 3"})
    void everyIncrementalNightEqualsAFullRebuild(String db, long seed) throws Exception {
        TestWarehouse w = warehouses.get(db);
        Reconciler reconciler = w.bean(Reconciler.class);
        String inc = db + "-inc-" + seed;
        String full = db + "-full-" + seed;
        Workspace incWs = workspace(inc);
        Workspace fullWs = workspace(full);
        Random random = new Random(seed);
        Staging staging = new Staging(w.jdbc(), List.of(inc, full));
        staging.initial(random);

        LocalDate asOf = LocalDate.of(2026, 11, 20);
        List<String> did = new ArrayList<>();
        long leads = 0;
        long links = 0;
        for (int night = 0; night <= NIGHTS; night++) {
            if (night > 0) {
                staging.change(random, night);
                if (random.nextInt(3) == 0) {
                    asOf = asOf.plusDays(1 + random.nextInt(5));
                }
            }
            String d = reconciler.reconcile(incWs.tenant(), incWs.sync(), asOf, false, null).did();
            reconciler.reconcile(fullWs.tenant(), fullWs.sync(), asOf, true, null);
            did.add(d);
            leads = Math.max(leads, count(w, "core_lead", inc));
            links = Math.max(links, count(w, "core_lead_deal_link", inc));
            Map<String, List<String>> a = ReconciledTables.of(w, inc);
            Map<String, List<String>> b = ReconciledTables.of(w, full);
            for (String table : Reconciler.TABLES) {
                assertThat(a.get(table)).as("night %d (%s), table %s", night, d, table).isEqualTo(b.get(table));
            }
            assertThat(w.jdbc().queryForObject("SELECT COUNT(*) FROM reconcile_scope_lead WHERE tenant = ?", Long.class, inc))
                    .as("night %d (%s): the scope is emptied", night, d).isZero();
        }
        assertThat(did.get(0)).isEqualTo("rebuilt");
        // a change set can undo itself (a record rewritten as it was): that night keeps the tables
        assertThat(did.subList(1, did.size())).allSatisfy(d -> assertThat(d).matches("(increment|kept): .*"))
                .filteredOn(d -> d.startsWith("increment: ")).hasSizeGreaterThan(NIGHTS * 3 / 4);
        assertThat(leads).as("the data is not trivial").isGreaterThan(15);
        assertThat(links).as("the data is not trivial").isGreaterThan(4);
    }

    private static long count(TestWarehouse w, String table, String tenant) {
        return w.jdbc().queryForObject("SELECT COUNT(*) FROM " + table + " WHERE tenant = ?", Long.class, tenant);
    }

    private Workspace workspace(String tenant) throws Exception {
        Path dir = tmp.resolve(tenant);
        Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(dir.resolve("jobs/leadledger.yml"), """
                tenant:
                  id: %s
                  name: Increment Ltd
                  reportingCurrency: USD
                  timezone: UTC
                channels:
                  google cpc: Paid search
                  webinar: Webinar
                  "(blank)": Direct
                identity:
                  stripPlusTags: true
                  ignoreDotsInGmail: true
                  domainAliases: { acme.co.uk: acme.com }
                """.formatted(tenant));
        Files.writeString(dir.resolve("jobs/nightly-sync.yml"), """
                sources:
                  - name: hub
                    kind: leads
                    files: none-hub.csv
                    columns: { id: Id, email: Email, createdAt: Created }
                  - name: sf
                    kind: leads
                    files: none-sf.csv
                    columns: { id: Id, email: Email, createdAt: Created }
                  - name: crm
                    kind: deals
                    files: none-crm.csv
                    leadRefSources: [hub]
                    defaultCurrency: USD
                    columns: { id: Deal, email: Contact, amount: Value, stage: Status, closeDate: Closed, leadRef: Lead }
                  - name: crm2
                    kind: deals
                    files: none-crm2.csv
                    defaultCurrency: USD
                    columns: { id: Deal, email: Contact, amount: Value, stage: Status, closeDate: Closed, leadRef: Lead }
                  - name: ads
                    kind: spend
                    files: none-ads.csv
                    defaultCurrency: USD
                    columns: { date: Day, channel: Channel, campaign: Campaign, amount: Amount }
                  - name: clicks
                    kind: touches
                    files: none-clicks.csv
                    people: hub
                    columns: { id: Id, email: Email, personId: Person, touchedAt: At, source: Source, campaign: Campaign }
                """);
        return Workspace.load(dir.resolve("jobs"));
    }

    /** Staging rows written straight to the tables, the same for every tenant of the pair. */
    static final class Staging {

        private final JdbcTemplate jdbc;
        private final List<String> tenants;
        private int nextLead = 1;
        private int nextDeal = 1;
        private int nextTouch = 1;

        Staging(JdbcTemplate jdbc, List<String> tenants) {
            this.jdbc = jdbc;
            this.tenants = tenants;
        }

        void initial(Random r) {
            for (int i = 0; i < 30; i++) {
                lead(r, r.nextBoolean() ? "hub" : "sf", String.valueOf(nextLead++));
            }
            for (int i = 0; i < 12; i++) {
                deal(r, r.nextBoolean() ? "crm" : "crm2", "D" + nextDeal++);
            }
            for (int i = 0; i < 15; i++) {
                touch(r, "T" + nextTouch++);
            }
            for (int m = 9; m <= 11; m++) {
                spend(r, LocalDate.of(2026, m, 1), "google cpc");
                spend(r, LocalDate.of(2026, m, 1), "webinar");
            }
        }

        void change(Random r, int night) {
            int changes = 1 + r.nextInt(4);
            for (int c = 0; c < changes; c++) {
                switch (r.nextInt(17)) {
                    case 0, 1 -> lead(r, r.nextBoolean() ? "hub" : "sf", String.valueOf(nextLead++));
                    case 2, 3 -> { // a record's content or address changes: the person moves
                        String[] k = pick(r, "stg_lead");
                        if (k != null) {
                            lead(r, k[0], k[1]);
                        }
                    }
                    case 4 -> { // deleted in the tool, or gone from staging
                        String[] k = pick(r, "stg_lead");
                        if (k != null) {
                            update(r.nextBoolean() ? "UPDATE stg_lead SET is_deleted = 1 WHERE tenant = ? AND source_name = ? AND record_id = ?"
                                    : "DELETE FROM stg_lead WHERE tenant = ? AND source_name = ? AND record_id = ?", k[0], k[1]);
                        }
                    }
                    case 14, 15 -> { // a merge undone: the survivor's list emptied, or the loser's survivor cleared
                        String[] k = pick(r, "stg_lead WHERE (merged_ids IS NOT NULL OR merged_into IS NOT NULL) AND tenant = ?");
                        if (k != null) {
                            update("UPDATE stg_lead SET merged_ids = NULL, merged_into = NULL WHERE tenant = ? AND source_name = ?"
                                    + " AND record_id = ?", k[0], k[1]);
                        }
                    }
                    case 5, 16 -> { // a HubSpot merge: the survivor lists ids merged into it
                        String[] k = pick(r, "stg_lead WHERE source_name = 'hub' AND is_deleted = 0 AND tenant = ?");
                        if (k != null) {
                            String ids = (1 + r.nextInt(nextLead)) + (r.nextBoolean() ? ";" + (1 + r.nextInt(nextLead)) : "");
                            update("UPDATE stg_lead SET merged_ids = ? WHERE tenant = ? AND source_name = ? AND record_id = ?",
                                    ids, k[0], k[1]);
                        }
                    }
                    case 6 -> { // a Salesforce merge: the loser names its survivor
                        String[] k = pick(r, "stg_lead WHERE source_name = 'sf' AND tenant = ?");
                        if (k != null) {
                            update("UPDATE stg_lead SET merged_into = ? WHERE tenant = ? AND source_name = ? AND record_id = ?",
                                    r.nextInt(5) == 0 ? null : String.valueOf(1 + r.nextInt(nextLead)), k[0], k[1]);
                        }
                    }
                    case 7 -> deal(r, r.nextBoolean() ? "crm" : "crm2", "D" + nextDeal++);
                    case 8 -> { // a deal changes: stage, amount, close date, contact, lead id
                        String[] k = pick(r, "stg_deal");
                        if (k != null) {
                            deal(r, k[0], k[1]);
                        }
                    }
                    case 9 -> { // only the amount or the close date
                        String[] k = pick(r, "stg_deal");
                        if (k != null) {
                            if (r.nextBoolean()) {
                                update("UPDATE stg_deal SET amount = ? WHERE tenant = ? AND source_name = ? AND record_id = ?",
                                        BigDecimal.valueOf(r.nextInt(3) * 1250L), k[0], k[1]);
                            } else {
                                update("UPDATE stg_deal SET close_date = ? WHERE tenant = ? AND source_name = ? AND record_id = ?",
                                        Date.valueOf(LocalDate.of(2026, 8, 1).plusDays(r.nextInt(120))), k[0], k[1]);
                            }
                        }
                    }
                    case 10 -> {
                        String[] k = pick(r, "stg_deal");
                        if (k != null) {
                            update(r.nextBoolean() ? "UPDATE stg_deal SET is_deleted = 1 WHERE tenant = ? AND source_name = ? AND record_id = ?"
                                    : "DELETE FROM stg_deal WHERE tenant = ? AND source_name = ? AND record_id = ?", k[0], k[1]);
                        }
                    }
                    case 11 -> { // an override set, changed or removed
                        String[] k = pick(r, "stg_deal");
                        if (k != null) {
                            update("DELETE FROM link_override WHERE tenant = ? AND source_name = ? AND record_id = ?", k[0], k[1]);
                            if (r.nextInt(4) > 0) {
                                String lead = switch (r.nextInt(3)) {
                                    case 0 -> "-";
                                    case 1 -> "hub:" + (1 + r.nextInt(nextLead));
                                    default -> email(r);
                                };
                                update("INSERT INTO link_override (tenant, source_name, record_id, lead_key, note) VALUES (?, ?, ?, ?, 'test')",
                                        k[0], k[1], lead);
                            }
                        }
                    }
                    case 12 -> {
                        String[] k = r.nextBoolean() ? pick(r, "stg_touch") : null;
                        touch(r, k == null ? "T" + nextTouch++ : k[1]);
                    }
                    default -> spend(r, LocalDate.of(2026, 9 + r.nextInt(3), 1 + r.nextInt(28)),
                            r.nextBoolean() ? "google cpc" : "webinar");
                }
            }
        }

        private void lead(Random r, String source, String id) {
            LocalDateTime created = LocalDateTime.of(2026, 9, 1, 8, 0).plusHours(r.nextInt(24 * 75));
            LocalDateTime handed = r.nextInt(3) == 0 ? null : created.plusHours(r.nextInt(72));
            LocalDateTime touched = handed == null || r.nextBoolean() ? null : handed.plusHours(1 + r.nextInt(48));
            LocalDateTime accepted = touched == null || r.nextBoolean() ? null : touched.plusHours(2);
            int rejected = accepted == null && r.nextInt(4) == 0 ? 1 : 0;
            String email = r.nextInt(8) == 0 ? null : email(r);
            update("DELETE FROM stg_lead WHERE tenant = ? AND source_name = ? AND record_id = ?", source, id);
            update("""
                    INSERT INTO stg_lead (tenant, source_name, record_id, email, email_norm, created_at, source_raw,
                                          source_detail, campaign, lifecycle_stage, handed_at, accepted_at, first_touch_at,
                                          rejected, rejection_reason, owner_name, is_deleted, source_file, row_num, run_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'leads.csv', 1, 1)""",
                    source, id, email, email, ts(created), one(r, SOURCES_RAW), r.nextInt(4) == 0 ? "brand" : null,
                    one(r, CAMPAIGNS), one(r, STAGES), ts(handed), ts(accepted), ts(touched), rejected,
                    rejected == 1 ? (r.nextBoolean() ? "Budget" : "No fit") : null, r.nextBoolean() ? "Sam" : "Kim");
        }

        private void deal(Random r, String source, String id) {
            int state = r.nextInt(3);
            String leadRef = r.nextInt(3) == 0 ? String.valueOf(1 + r.nextInt(nextLead)) : null;
            LocalDate close = LocalDate.of(2026, 8, 15).plusDays(r.nextInt(120));
            update("DELETE FROM stg_deal WHERE tenant = ? AND source_name = ? AND record_id = ?", source, id);
            update("""
                    INSERT INTO stg_deal (tenant, source_name, record_id, deal_name, account_name, email_norm, lead_ref,
                                          stage, is_closed, is_won, amount, currency, created_at, close_date, owner_name,
                                          loss_reason, account_domain, is_deleted, source_file, row_num, run_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'USD', ?, ?, ?, ?, ?, 0, 'deals.csv', 1, 1)""",
                    source, id, "Deal " + id, one(r, ACCOUNTS), r.nextInt(4) == 0 ? null : email(r), leadRef,
                    state == 0 ? "Open" : state == 1 ? "Won" : "Lost", state == 0 ? 0 : 1, state == 1 ? 1 : 0,
                    BigDecimal.valueOf(r.nextInt(4) * 1000L + (r.nextBoolean() ? 0 : 50)).movePointLeft(r.nextInt(2)),
                    r.nextInt(4) == 0 ? null : ts(close.minusDays(r.nextInt(60)).atTime(9, 0)), Date.valueOf(close),
                    r.nextBoolean() ? "Sam" : "Kim", state == 2 ? "Price" : null, one(r, WEBSITES));
        }

        private void touch(Random r, String id) {
            update("DELETE FROM stg_touch WHERE tenant = ? AND source_name = 'clicks' AND record_id = ?", id);
            boolean byPerson = r.nextBoolean();
            update("""
                    INSERT INTO stg_touch (tenant, source_name, record_id, email, email_norm, person_id, touched_at,
                                           source_raw, campaign, touch_type, is_deleted, source_file, row_num, run_id)
                    VALUES (?, 'clicks', ?, ?, ?, ?, ?, ?, ?, 'click', ?, 'clicks.csv', 1, 1)""",
                    id, byPerson ? null : email(r), null, byPerson ? String.valueOf(1 + r.nextInt(nextLead)) : null,
                    ts(LocalDateTime.of(2026, 8, 20, 12, 0).plusHours(r.nextInt(24 * 90))), one(r, SOURCES_RAW),
                    one(r, CAMPAIGNS), r.nextInt(10) == 0 ? 1 : 0);
            // the e-mail as staged (normalized): the same as email here
            update("UPDATE stg_touch SET email_norm = email WHERE tenant = ? AND source_name = 'clicks' AND record_id = ?", id);
        }

        private void spend(Random r, LocalDate day, String channel) {
            String id = day + "|" + channel + "|Brand|USD";
            update("DELETE FROM stg_spend WHERE tenant = ? AND source_name = 'ads' AND record_id = ?", id);
            update("""
                    INSERT INTO stg_spend (tenant, source_name, record_id, spend_date, channel_raw, campaign, amount,
                                           currency, source_file, row_num, run_id)
                    VALUES (?, 'ads', ?, ?, ?, 'Brand', ?, 'USD', 'spend.csv', 1, 1)""",
                    id, Date.valueOf(day), channel, BigDecimal.valueOf(r.nextInt(5) * 400L));
        }

        /** A staging row's (source, id) of the first tenant, at random; null when there is none. */
        private String[] pick(Random r, String from) {
            String sql = "SELECT source_name, record_id FROM " + (from.contains("tenant = ?") ? from : from + " WHERE tenant = ?")
                    + " ORDER BY source_name, record_id";
            List<String[]> keys = jdbc.query(sql, (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, tenants.get(0));
            return keys.isEmpty() ? null : keys.get(r.nextInt(keys.size()));
        }

        private static String email(Random r) {
            return one(r, LOCALS) + "@" + one(r, DOMAINS);
        }

        private static <T> T one(Random r, T[] values) {
            return values[r.nextInt(values.length)];
        }

        private static Timestamp ts(LocalDateTime t) {
            return t == null ? null : Timestamp.valueOf(t);
        }

        /** Runs the statement for every tenant, the tenant as the first parameter. */
        private void update(String sql, Object... args) {
            for (String t : tenants) {
                Object[] all = new Object[args.length + 1];
                all[0] = t;
                System.arraycopy(args, 0, all, 1, args.length);
                int tenantAt = sql.startsWith("UPDATE") ? sql.substring(0, sql.indexOf("WHERE")).split("\\?", -1).length - 1 : 0;
                if (tenantAt > 0) { // UPDATE t SET a = ? WHERE tenant = ?: the SET parameters come first
                    System.arraycopy(args, 0, all, 0, tenantAt);
                    all[tenantAt] = t;
                    System.arraycopy(args, tenantAt, all, tenantAt + 1, args.length - tenantAt);
                }
                jdbc.update(sql, all);
            }
        }
    }
}
