package io.leadledger.pipeline;

import io.leadledger.jobs.Workspace;
import io.leadledger.ops.PipelineRunner;
import io.leadledger.report.figures.AppendixSection;
import io.leadledger.support.TestWarehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import io.leadledger.report.figures.CoverageQueries;
import io.leadledger.report.figures.DataCoverage;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Campaign touches (issue 12) end to end on H2 and MariaDB, figures worked by hand.
 * <pre>
 * tenant touch, USD, UTC; channels: Paid Search -> Paid search, Webinar -> Webinar, Email -> Email
 * hubspot (hubspot-contacts)   101 ann@alpha.com  2026-03-10 10:00  Paid Search / Spring
 *                              102 bob@beta.com   2026-03-12 09:00  Paid Search / Spring
 * mkto    (marketo-leads)      101 zed@zeta.de    2026-03-01 (its id 101 collides with hubspot's)
 * crm     (hubspot-deals)      D1 ref 101 Closed Won 1000 USD, created 2026-03-20, closed 2026-03-30 -> ann
 *                              D2 ref 102 Closed Won 1000 USD, created 2026-03-25, closed 2026-03-31 -> bob
 * events  (touches, people: hubspot)
 *   T1 person 101              2026-03-01 09:00 Webinar / Webinar March  -> ann by record id (not mkto's zed)
 *   T2 ANN@alpha.com           2026-03-15 10:00 Email / Nurture 1        -> ann by e-mail
 *   T3 nobody@nowhere.com      2026-03-05 -> no lead;  T4 person 999 -> no lead;  T5 neither -> quarantined
 *   T6 person 102              2026-03-02 09:00 Webinar / Webinar March  -> bob by record id
 *   T7 bob@beta.com            2026-03-08 10:00 Email / Nurture 1        -> bob by e-mail
 *   T8 bob@beta.com            2026-03-20 10:00 Email / Nurture 2        -> bob by e-mail
 * noscope (touches, no people:) N1 person 101 only -> no lead: a bare id is never matched across tools
 * ann's journey: T1 (Mar 1, Webinar), her lead record (Mar 10, Paid search), T2 (Mar 15, Email); D1 created Mar 20.
 *   first_touch: Webinar 1000 (it was Paid search before touches);   last_touch: Email 1000
 *   u_shaped: first touch T1 40 %, lead creation 40 %, nothing between -> 50/50: Webinar 500, Paid search 500
 *   full_path: 22.5 % T1, 22.5 % lead record, opportunity creation and closed won both T2 (45 %) -> 250 / 250 / 500
 * bob's journey: T6 (Mar 2, Webinar), T7 (Mar 8, Email), his lead record (Mar 12, Paid search), T8 (Mar 20, Email);
 * D2 created Mar 25, so opportunity creation is T8.
 *   first_touch: Webinar 1000;   last_touch: Email 1000 (T8)
 *   u_shaped: first touch T6 40 %, lead creation 40 %, the middle (T7) 20 %: Webinar 400, Paid search 400, Email 200
 *             (T8, after lead creation, gets nothing under U-shaped)
 *   w_shaped: T6 30 %, lead record 30 %, T8 30 %, between them T7 10 %: Webinar 300, Paid search 300, Email 400
 *   full_path: T6 22.5 %, lead record 22.5 %, T8 45 % (opportunity creation and closed won), T7 10 %:
 *              Webinar 225, Paid search 225, Email 550
 *   linear: a quarter each: Webinar 250, Email 500, Paid search 250
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TouchesPipelineTest {

    static final String TENANT = "touch";

    Path tmp;
    final Map<String, TestWarehouse> warehouses = new LinkedHashMap<>();

    @BeforeAll
    void syncOnBothDatabases() throws Exception {
        tmp = Files.createTempDirectory("leadledger-touches-test");
        Files.writeString(tmp.resolve("hubspot.csv"), """
                Record ID,Email,First Name,Create Date,Original Source,Original Source Drill-Down 2
                101,ann@alpha.com,Ann,2026-03-10 10:00,Paid Search,Spring
                102,bob@beta.com,Bob,2026-03-12 09:00,Paid Search,Spring
                """);
        Files.writeString(tmp.resolve("mkto.csv"), """
                Id,Email Address,First Name,Created At,Lead Source,Acquisition Program
                101,zed@zeta.de,Zed,2026-03-01 08:00:00,Webinar,Webinar March
                """);
        Files.writeString(tmp.resolve("crm.csv"), """
                Record ID,Deal Name,Deal Stage,Amount,Currency,Close Date,Create Date,Associated Contact IDs
                D1,Alpha,Closed Won,1000,USD,2026-03-30,2026-03-20 10:00,101
                D2,Beta,Closed Won,1000,USD,2026-03-31,2026-03-25 10:00,102
                """);
        Files.writeString(tmp.resolve("events.csv"), """
                Id,Person,Email,At,Source,Campaign,Type
                T1,101,,2026-03-01 09:00,Webinar,Webinar March,Attended
                T2,,ANN@alpha.com,2026-03-15 10:00,Email,Nurture 1,Clicked
                T3,,nobody@nowhere.com,2026-03-05 10:00,Email,Nurture 1,Clicked
                T4,999,,2026-03-06 10:00,Webinar,Webinar March,Registered
                T5,,,2026-03-07 10:00,Webinar,Webinar March,Registered
                T6,102,,2026-03-02 09:00,Webinar,Webinar March,Attended
                T7,,bob@beta.com,2026-03-08 10:00,Email,Nurture 1,Clicked
                T8,,bob@beta.com,2026-03-20 10:00,Email,Nurture 2,Clicked
                """);
        Files.writeString(tmp.resolve("noscope.csv"), """
                Person,At,Source,Campaign
                101,2026-03-02 09:00,Webinar,Webinar March
                """);
        Path jobs = tmp.resolve("jobs");
        Files.createDirectories(jobs);
        Files.writeString(jobs.resolve("leadledger.yml"), """
                tenant:
                  id: touch
                  reportingCurrency: USD
                  timezone: UTC
                channels:
                  Paid Search: Paid search
                  Webinar: Webinar
                  Email: Email
                """);
        Files.writeString(jobs.resolve("nightly-sync.yml"), """
                sources:
                  - name: hubspot
                    profile: hubspot-contacts
                    files: %1$s/hubspot.csv
                  - name: mkto
                    profile: marketo-leads
                    files: %1$s/mkto.csv
                  - name: crm
                    profile: hubspot-deals
                    files: %1$s/crm.csv
                  - name: events
                    kind: touches
                    people: hubspot
                    files: %1$s/events.csv
                    dateFormats: ["yyyy-MM-dd HH:mm"]
                    columns: { id: Id, personId: Person, email: Email, at: At, source: Source, campaign: Campaign, type: Type }
                  - name: noscope
                    kind: touches
                    files: %1$s/noscope.csv
                    dateFormats: ["yyyy-MM-dd HH:mm"]
                    columns: { personId: Person, at: At, source: Source, campaign: Campaign }
                """.formatted(tmp));
        Workspace ws = Workspace.load(jobs);
        warehouses.put("h2", TestWarehouse.h2(tmp.resolve("h2")));
        warehouses.put("mariadb", TestWarehouse.mariadb("leadledger_touches_test"));
        for (TestWarehouse w : warehouses.values()) {
            JobExecution e = w.bean(PipelineRunner.class).runSync(ws);
            assertEquals(BatchStatus.COMPLETED, e.getStatus(), () -> w.name() + ": " + e.getAllFailureExceptions());
        }
    }

    @AfterAll
    void close() {
        warehouses.values().forEach(TestWarehouse::close);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void touchesAreStagedAndCountsBalance(String db) {
        TestWarehouse w = warehouses.get(db);
        Map<String, Object> audit = w.jdbc().queryForMap("""
                SELECT rows_read, rows_loaded, rows_quarantined, rows_duplicate FROM run_audit
                WHERE tenant = ? AND source_name = 'events'""", TENANT);
        assertThat(audit.values().stream().map(v -> ((Number) v).longValue()).toList()).containsExactly(8L, 7L, 1L, 0L);
        String reason = w.jdbc().queryForObject("SELECT reason FROM quarantine WHERE tenant = ? AND source_name = 'events'",
                String.class, TENANT);
        assertThat(reason).contains("e-mail or record id");
        assertEquals(1, w.jdbc().queryForObject("SELECT COUNT(*) FROM stg_touch WHERE tenant = ? AND source_name = 'noscope'",
                Integer.class, TENANT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void touchesJoinTheirLeadByScopedIdOrEmailAndTheRestAreCounted(String db) {
        TestWarehouse w = warehouses.get(db);
        Map<String, String> lead = new TreeMap<>();
        Map<String, String> via = new TreeMap<>();
        w.jdbc().query("SELECT source_name, record_id, lead_key, matched_via FROM int_touch WHERE tenant = ?", rs -> {
            String key = rs.getString(1) + ":" + rs.getString(2);
            lead.put(key, rs.getString(3));
            via.put(key, rs.getString(4));
        }, TENANT);
        assertEquals("ann@alpha.com", lead.get("events:T1"), "person 101 of the source people: names (hubspot), not mkto's");
        assertEquals("record", via.get("events:T1"));
        assertEquals("ann@alpha.com", lead.get("events:T2"));
        assertEquals("email", via.get("events:T2"));
        assertThat(lead.get("events:T3")).as("an address no lead has").isNull();
        assertThat(lead.get("events:T4")).as("an id no lead source has").isNull();
        String noscope = lead.keySet().stream().filter(k -> k.startsWith("noscope:")).findFirst().orElseThrow();
        assertThat(lead.get(noscope)).as("an id without people: is never matched").isNull();
        assertEquals(3, w.jdbc().queryForObject("SELECT COUNT(*) FROM int_touch WHERE tenant = ? AND lead_key IS NULL",
                Integer.class, TENANT), "touches of no lead are kept and counted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void campaignTouchesMakeTheModelsDiffer(String db) {
        TestWarehouse w = warehouses.get(db);
        Map<String, Map<String, BigDecimal>> credit = new TreeMap<>();
        w.jdbc().query("""
                SELECT model, channel, SUM(credit_rpt) FROM core_attribution WHERE tenant = ? AND record_id = 'D1'
                GROUP BY model, channel""", rs -> {
            credit.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2),
                    rs.getBigDecimal(3).setScale(2, java.math.RoundingMode.HALF_UP));
        }, TENANT);
        assertEquals(Map.of("Webinar", new BigDecimal("1000.00")), credit.get("first_touch"), "the webinar came first");
        assertEquals(Map.of("Email", new BigDecimal("1000.00")), credit.get("last_touch"));
        assertEquals(Map.of("Webinar", new BigDecimal("500.00"), "Paid search", new BigDecimal("500.00")),
                credit.get("u_shaped"), "first touch and lead creation are now two touches");
        assertEquals(Map.of("Webinar", new BigDecimal("250.00"), "Paid search", new BigDecimal("250.00"),
                "Email", new BigDecimal("500.00")), credit.get("full_path"));
        assertThat(credit.get("linear").keySet()).containsExactlyInAnyOrder("Webinar", "Paid search", "Email");
        List<Map<String, Object>> seq = w.jdbc().queryForList("""
                SELECT touch_seq, touch_source, touch_record_id FROM core_attribution
                WHERE tenant = ? AND record_id = 'D1' AND model = 'linear' ORDER BY touch_seq""", TENANT);
        assertThat(seq).extracting(r -> r.get("touch_source") + ":" + r.get("touch_record_id"))
                .containsExactly("events:T1", "hubspot:101", "events:T2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aMiddleTouchBeforeTheLeadGetsTheMiddleWeight(String db) {
        Map<String, Map<String, BigDecimal>> credit = credits(warehouses.get(db), "D2");
        assertEquals(Map.of("Webinar", new BigDecimal("1000.00")), credit.get("first_touch"));
        assertEquals(Map.of("Email", new BigDecimal("1000.00")), credit.get("last_touch"));
        assertEquals(Map.of("Webinar", new BigDecimal("400.00"), "Paid search", new BigDecimal("400.00"),
                "Email", new BigDecimal("200.00")), credit.get("u_shaped"), "40 / 40 / 20");
        assertEquals(Map.of("Webinar", new BigDecimal("300.00"), "Paid search", new BigDecimal("300.00"),
                "Email", new BigDecimal("400.00")), credit.get("w_shaped"));
        assertEquals(Map.of("Webinar", new BigDecimal("225.00"), "Paid search", new BigDecimal("225.00"),
                "Email", new BigDecimal("550.00")), credit.get("full_path"));
        assertEquals(Map.of("Webinar", new BigDecimal("250.00"), "Paid search", new BigDecimal("250.00"),
                "Email", new BigDecimal("500.00")), credit.get("linear"));
        // the U-shaped credit names its touches: first touch, the middle one, lead creation; nothing after
        List<Map<String, Object>> u = warehouses.get(db).jdbc().queryForList("""
                SELECT touch_seq, touch_source, touch_record_id, credit_share FROM core_attribution
                WHERE tenant = ? AND record_id = 'D2' AND model = 'u_shaped' AND credit_share > 0 ORDER BY touch_seq""",
                TENANT);
        assertThat(u).extracting(r -> r.get("touch_source") + ":" + r.get("touch_record_id"))
                .containsExactly("events:T6", "events:T7", "hubspot:102");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void theAppendixCountsTouchesByHowTheyFoundTheirLeadAndThoseOfNoLead(String db) {
        Map<String, Long> items = new LinkedHashMap<>();
        warehouses.get(db).bean(AppendixSection.class).build(TENANT).get("unmatched").rows()
                .forEach(r -> items.put((String) r.get("item"), (Long) r.get("count")));
        assertEquals(2L, items.get("Campaign touches joined to a lead by the person's record id"), "T1, T6");
        assertEquals(3L, items.get("Campaign touches joined to a lead by e-mail"), "T2, T7, T8");
        assertEquals(3L, items.get("Campaign touches of no lead (kept, not attributed)"), "T3, T4 and noscope's");
    }

    /** Data coverage: touches by the month they happened, "with a value" those that found their lead. */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void dataCoverageCountsTheTouchesThatFoundTheirLead(String db) {
        DataCoverage c = new CoverageQueries(warehouses.get(db).jdbc()).of(TENANT, YearMonth.of(2026, 3));
        assertThat(c.touches()).isTrue();
        Map<String, List<Long>> bySource = new TreeMap<>();
        c.counts().stream().filter(n -> n.input() == DataCoverage.Input.TOUCHES)
                .forEach(n -> bySource.put(n.source() + " " + n.month(), List.of(n.rows(), n.withValue())));
        assertEquals(List.of(7L, 5L), bySource.get("events 2026-03"), "T1-T4, T6-T8: all but T3 and T4 found theirs");
        assertThat(bySource.keySet()).anyMatch(k -> k.startsWith("noscope ")).allMatch(k -> k.endsWith(" 2026-03"));
    }

    private static Map<String, Map<String, BigDecimal>> credits(TestWarehouse w, String deal) {
        Map<String, Map<String, BigDecimal>> credit = new TreeMap<>();
        w.jdbc().query("""
                SELECT model, channel, SUM(credit_rpt) FROM core_attribution WHERE tenant = ? AND record_id = ?
                GROUP BY model, channel""", rs -> {
            credit.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2),
                    rs.getBigDecimal(3).setScale(2, java.math.RoundingMode.HALF_UP));
        }, TENANT, deal);
        return credit;
    }
}
