package io.leadledger.reconcile.attribution;

import io.leadledger.jobs.AttributionSettings;
import io.leadledger.jobs.TenantSettings;
import io.leadledger.jobs.Workspace;
import io.leadledger.ops.PipelineRunner;
import io.leadledger.reconcile.Reconciler;
import io.leadledger.support.TestWarehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.batch.core.BatchStatus;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Five people, two lead sources, three deals, through the nightly sync on H2 and on MariaDB; every
 * figure below is worked out by hand (the Markov chain in JourneyGraphTest.repeatedTouchesOfOneChannel...).
 * <pre>
 * ann  Paid search Jan 18 (web W1) - Webinar Jan 25 (events E1) - Email Feb 1 (web W2) - Paid search Mar 1 (W3)
 *      D1 won 1000.00, opportunity Jan 28, closed Feb 8 (W3 comes after the close)
 * bob  Paid search Jan 2 (W4) - Email Jan 9 (W5) - Webinar Jan 16 (E2) - Email Jan 30 (W6, same campaign as W5)
 *      D2 won 100.00, opportunity Jan 17, closed Feb 6
 * cy   Webinar Jan 10 (E3)                            no deal
 * dee  Paid search Jan 5 (W7) - Email Jan 12 (W8)       no deal
 * eve  Email Jan 7 (W9)                                 D3 lost 500.00, closed Feb 10
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttributionWarehouseTest {

    static final String TENANT = "attr";

    Path tmp;
    Workspace ws;
    final Map<String, TestWarehouse> warehouses = new LinkedHashMap<>();

    @BeforeAll
    void syncOnBothDatabases() throws Exception {
        tmp = Files.createTempDirectory("leadledger-attribution-test");
        Path jobs = tmp.resolve("jobs");
        Files.createDirectories(jobs);
        Files.writeString(tmp.resolve("web.csv"), """
                Lead ID,E-mail,Created,Source,Campaign
                W1,ann@example.com,2026-01-18T09:00:00,google cpc,Brand
                W2,ann@example.com,2026-02-01T11:00:00,newsletter,Feb newsletter
                W3,ann@example.com,2026-03-01T08:00:00,google cpc,Brand
                W4,bob@example.com,2026-01-02T09:00:00,google cpc,Generic
                W5,bob@example.com,2026-01-09T09:00:00,newsletter,Jan newsletter
                W6,bob@example.com,2026-01-30T09:00:00,newsletter,Jan newsletter
                W7,dee@example.com,2026-01-05T09:00:00,google cpc,Generic
                W8,dee@example.com,2026-01-12T09:00:00,newsletter,Jan newsletter
                W9,eve@example.com,2026-01-07T09:00:00,newsletter,Jan newsletter
                """);
        Files.writeString(tmp.resolve("events.csv"), """
                Lead ID,E-mail,Created,Source,Campaign
                E1,ann@example.com,2026-01-25T10:00:00,webinar,Jan webinar
                E2,bob@example.com,2026-01-16T09:00:00,webinar,Jan webinar
                E3,cy@example.com,2026-01-10T09:00:00,webinar,Jan webinar
                """);
        Files.writeString(tmp.resolve("deals.csv"), """
                Deal,Contact,Value,Status,Created,Closed
                D1,ann@example.com,1000.00,Won,2026-01-28T10:00:00,2026-02-08
                D2,bob@example.com,100.00,Won,2026-01-17T12:00:00,2026-02-06
                D3,eve@example.com,500.00,Lost,2026-01-20T10:00:00,2026-02-10
                """);
        Files.writeString(jobs.resolve("leadledger.yml"), """
                tenant:
                  id: attr
                  reportingCurrency: USD
                  timezone: UTC
                channels:
                  google cpc: Paid search
                  webinar: Webinar
                  newsletter: Email
                attribution:
                  defaultModel: linear
                  uShaped: { first: 0.4, leadCreation: 0.4, middle: 0.2 }
                  timeDecayHalfLifeDays: 7
                """);
        String leads = """
                  - name: %s
                    kind: leads
                    files: %s
                    columns: { id: Lead ID, email: E-mail, createdAt: Created, source: Source, campaign: Campaign }
                """;
        Files.writeString(jobs.resolve("nightly-sync.yml"), "sources:\n"
                + leads.formatted("web", tmp.resolve("web.csv")) + leads.formatted("events", tmp.resolve("events.csv")) + """
                  - name: crm
                    kind: deals
                    files: %s
                    defaultCurrency: USD
                    wonStages: [Won]
                    lostStages: [Lost]
                    columns: { id: Deal, email: Contact, amount: Value, stage: Status, createdAt: Created, closeDate: Closed }
                """.formatted(tmp.resolve("deals.csv")));
        ws = Workspace.load(jobs);
        warehouses.put("h2", TestWarehouse.h2(tmp.resolve("h2")));
        warehouses.put("mariadb", TestWarehouse.mariadb("leadledger_attr_test"));
        for (TestWarehouse w : warehouses.values()) {
            assertEquals(BatchStatus.COMPLETED, w.bean(PipelineRunner.class).runSync(ws).getStatus());
        }
    }

    @AfterAll
    void close() {
        warehouses.values().forEach(TestWarehouse::close);
    }

    /** "model seq channel / campaign share credit source:record", in key order. */
    static List<String> credits(TestWarehouse w, String deal) {
        return w.jdbc().query("""
                SELECT model, touch_seq, channel, campaign, credit_share, credit_rpt, touch_source, touch_record_id
                FROM core_attribution WHERE tenant = ? AND record_id = ? ORDER BY model, touch_seq""",
                (rs, i) -> rs.getString(1) + " " + rs.getInt(2) + " " + rs.getString(3) + " / " + rs.getString(4) + " "
                        + rs.getBigDecimal(5).setScale(6, RoundingMode.UNNECESSARY).toPlainString() + " "
                        + rs.getBigDecimal(6).setScale(2, RoundingMode.UNNECESSARY).toPlainString() + " "
                        + rs.getString(7) + ":" + rs.getString(8), TENANT, deal);
    }

    @Test
    void aThousandWithThreeTouchesUnderEveryModel() {
        for (TestWarehouse w : warehouses.values()) {
            assertThat(credits(w, "D1")).as(w.name()).containsExactly(
                    "first_touch 1 Paid search / Brand 1.000000 1000.00 web:W1",
                    // time decay's touches: 21, 14, 7 days before the close -> 1/8, 1/4, 1/2; W2 is the opportunity touch
                    "full_path 1 Paid search / Brand 0.500000 500.00 web:W1",
                    "full_path 2 Webinar / Jan webinar 0.250000 250.00 events:E1",
                    "full_path 3 Email / Feb newsletter 0.250000 250.00 web:W2",
                    "last_touch 3 Email / Feb newsletter 1.000000 1000.00 web:W2",
                    "linear 1 Paid search / Brand 0.333334 333.34 web:W1",
                    "linear 2 Webinar / Jan webinar 0.333333 333.33 events:E1",
                    "linear 3 Email / Feb newsletter 0.333333 333.33 web:W2",
                    // removal effects 8/13, 0.4, 1 -> 40/131, 26/131, 65/131
                    "markov 1 Paid search / Brand 0.305344 305.35 web:W1",
                    "markov 2 Webinar / Jan webinar 0.198473 198.47 events:E1",
                    "markov 3 Email / Feb newsletter 0.496183 496.18 web:W2",
                    "time_decay 1 Paid search / Brand 0.142857 142.86 web:W1",
                    "time_decay 2 Webinar / Jan webinar 0.285714 285.71 events:E1",
                    "time_decay 3 Email / Feb newsletter 0.571429 571.43 web:W2",
                    // first touch and lead creation are the same record: U gives it all, W 0.6 of 0.9
                    "u_shaped 1 Paid search / Brand 1.000000 1000.00 web:W1",
                    "w_shaped 1 Paid search / Brand 0.666667 666.67 web:W1",
                    "w_shaped 2 Webinar / Jan webinar 0.333333 333.33 events:E1");
        }
    }

    @Test
    void aHundredWithFourTouchesUnderEveryModel() {
        for (TestWarehouse w : warehouses.values()) {
            assertThat(credits(w, "D2")).as(w.name()).containsExactly(
                    "first_touch 1 Paid search / Generic 1.000000 100.00 web:W4",
                    // E2 (Jan 16) is the opportunity touch (Jan 17), W5 lies between, W6 is the close touch
                    "full_path 1 Paid search / Generic 0.450000 45.00 web:W4",
                    "full_path 2 Email / Jan newsletter 0.100000 10.00 web:W5",
                    "full_path 3 Webinar / Jan webinar 0.225000 22.50 events:E2",
                    "full_path 4 Email / Jan newsletter 0.225000 22.50 web:W6",
                    "last_touch 4 Email / Jan newsletter 1.000000 100.00 web:W6",
                    "linear 1 Paid search / Generic 0.250000 25.00 web:W4",
                    "linear 2 Email / Jan newsletter 0.250000 25.00 web:W5",
                    "linear 3 Webinar / Jan webinar 0.250000 25.00 events:E2",
                    "linear 4 Email / Jan newsletter 0.250000 25.00 web:W6",
                    // Email's 65/131 shared by its two touches; 1.000001 rounded: the residue off the largest share
                    "markov 1 Paid search / Generic 0.305343 30.53 web:W4",
                    "markov 2 Email / Jan newsletter 0.248092 24.81 web:W5",
                    "markov 3 Webinar / Jan webinar 0.198473 19.85 events:E2",
                    "markov 4 Email / Jan newsletter 0.248092 24.81 web:W6",
                    // 35, 28, 21, 7 days: 1, 2, 4, 16 parts of 23
                    "time_decay 1 Paid search / Generic 0.043478 4.35 web:W4",
                    "time_decay 2 Email / Jan newsletter 0.086957 8.70 web:W5",
                    "time_decay 3 Webinar / Jan webinar 0.173913 17.39 events:E2",
                    "time_decay 4 Email / Jan newsletter 0.695652 69.56 web:W6",
                    "u_shaped 1 Paid search / Generic 1.000000 100.00 web:W4",
                    "w_shaped 1 Paid search / Generic 0.600000 60.00 web:W4",
                    "w_shaped 2 Email / Jan newsletter 0.100000 10.00 web:W5",
                    "w_shaped 3 Webinar / Jan webinar 0.300000 30.00 events:E2");
        }
    }

    @Test
    void lostDealsAreCreditedTooAndEveryDealAddsUpUnderEveryModel() {
        for (TestWarehouse w : warehouses.values()) {
            assertThat(credits(w, "D3")).as(w.name()).hasSize(8)
                    .allSatisfy(r -> assertThat(r).endsWith(" 1 Email / Jan newsletter 1.000000 500.00 web:W9"));
            List<String> off = w.jdbc().queryForList("""
                    SELECT CONCAT(a.record_id, ' ', a.model) FROM core_attribution a
                    JOIN core_deal d ON d.tenant = a.tenant AND d.source_name = a.source_name AND d.record_id = a.record_id
                    WHERE a.tenant = ? GROUP BY a.record_id, a.model, d.amount_rpt
                    HAVING SUM(a.credit_rpt) <> d.amount_rpt OR SUM(a.credit_share) <> 1""", String.class, TENANT);
            assertThat(off).as(w.name()).isEmpty();
            assertEquals(3L * 8, w.jdbc().queryForObject(
                    "SELECT COUNT(DISTINCT CONCAT(record_id, model)) FROM core_attribution WHERE tenant = ?", Long.class, TENANT));
        }
    }

    @Test
    void removalEffectsOfTheFiveJourneys() {
        for (TestWarehouse w : warehouses.values()) {
            List<String> rows = w.jdbc().query("""
                    SELECT channel, journeys, conversions, p_conversion, p_without, removal_effect, share
                    FROM core_removal_effect WHERE tenant = ? ORDER BY channel""",
                    (rs, i) -> rs.getString(1) + " " + rs.getLong(2) + " " + rs.getLong(3) + " " + p4(rs.getBigDecimal(4))
                            + " " + p4(rs.getBigDecimal(5)) + " " + p4(rs.getBigDecimal(6)) + " "
                            + rs.getBigDecimal(7).toPlainString(), TENANT);
            // P = 2/5; without Email nothing converts; without Paid search 2/13; without Webinar 0.24
            assertThat(rows).as(w.name()).containsExactly(
                    "Email 4 2 0.4000 0.0000 1.0000 0.496183",
                    "Paid search 3 2 0.4000 0.1538 0.6154 0.305344",
                    "Webinar 3 2 0.4000 0.2400 0.4000 0.198473");
        }
    }

    static String p4(BigDecimal v) {
        return v.setScale(4, RoundingMode.HALF_UP).toPlainString();
    }

    /** Won deals of February 2026 in mart_channel_month, "channel / campaign = deals, customers, revenue". */
    static List<String> februaryRevenue(TestWarehouse w) {
        return w.jdbc().query("""
                SELECT channel, campaign, deals_won, customers_won, revenue_won_rpt FROM mart_channel_month
                WHERE tenant = ? AND month_key = 202602 AND revenue_won_rpt <> 0 ORDER BY channel, campaign""",
                (rs, i) -> rs.getString(1) + " / " + rs.getString(2) + " = " + rs.getLong(3) + ", "
                        + rs.getBigDecimal(4).setScale(6, RoundingMode.UNNECESSARY).toPlainString() + ", "
                        + rs.getBigDecimal(5).setScale(2, RoundingMode.UNNECESSARY).toPlainString(), TENANT);
    }

    @Test
    void theMartsUseTheTenantsDefaultModel() {
        for (TestWarehouse w : warehouses.values()) {
            // linear, as configured: D1's thirds plus D2's quarters; D2's two Jan newsletter touches are one deal
            assertThat(februaryRevenue(w)).as(w.name()).containsExactly(
                    "Email / Feb newsletter = 1, 0.333333, 333.33", "Email / Jan newsletter = 1, 0.500000, 50.00",
                    "Paid search / Brand = 1, 0.333334, 333.34", "Paid search / Generic = 1, 0.250000, 25.00",
                    "Webinar / Jan webinar = 2, 0.583333, 358.33");
            reconcile(w, "markov");
            assertThat(februaryRevenue(w)).as(w.name()).containsExactly(
                    "Email / Feb newsletter = 1, 0.496183, 496.18", "Email / Jan newsletter = 1, 0.496184, 49.62",
                    "Paid search / Brand = 1, 0.305344, 305.35", "Paid search / Generic = 1, 0.305343, 30.53",
                    "Webinar / Jan webinar = 2, 0.396946, 218.32");
            reconcile(w, "linear");
        }
    }

    private void reconcile(TestWarehouse w, String defaultModel) {
        TenantSettings t = ws.tenant();
        AttributionSettings a = t.attribution();
        w.bean(Reconciler.class).reconcile(new TenantSettings(t.id(), t.name(), t.reportingCurrency(), t.timezone(),
                t.neverTouchedAfterDays(), t.channels(), new AttributionSettings(defaultModel, a.uShaped(),
                        a.timeDecayHalfLifeDays())), LocalDate.now());
    }

    /** Every credit row and removal effect, as text independent of how a database returns decimals. */
    static List<String> dump(TestWarehouse w) {
        List<String> rows = new java.util.ArrayList<>(w.jdbc().query("""
                SELECT source_name, record_id, model, touch_seq, lead_key, channel, campaign, credit_share, credit_rpt,
                       touch_source, touch_record_id, touch_at
                FROM core_attribution WHERE tenant = ? ORDER BY source_name, record_id, model, touch_seq""",
                (rs, i) -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getInt(4) + "|"
                        + rs.getString(5) + "|" + rs.getString(6) + "|" + rs.getString(7) + "|"
                        + rs.getBigDecimal(8).stripTrailingZeros().toPlainString() + "|"
                        + rs.getBigDecimal(9).stripTrailingZeros().toPlainString() + "|" + rs.getString(10) + "|"
                        + rs.getString(11) + "|" + rs.getTimestamp(12).toLocalDateTime(), TENANT));
        rows.addAll(w.jdbc().query("SELECT channel, removal_effect, share FROM core_removal_effect WHERE tenant = ? ORDER BY channel",
                (rs, i) -> rs.getString(1) + "|" + rs.getBigDecimal(2).stripTrailingZeros().toPlainString() + "|"
                        + rs.getBigDecimal(3).stripTrailingZeros().toPlainString(), TENANT));
        return rows;
    }

    @Test
    void reRunsGiveTheSameRowsAndH2AndMariaDbAgree() throws Exception {
        List<String> h2 = dump(warehouses.get("h2"));
        assertThat(h2).hasSize(17 + 22 + 8 + 3);
        assertThat(h2).contains("crm|D1|markov|1|ann@example.com|Paid search|Brand|0.305344|305.35|web|W1|2026-01-18T09:00");
        assertEquals(h2, dump(warehouses.get("mariadb")), "H2 vs MariaDB");
        for (TestWarehouse w : warehouses.values()) {
            List<String> before = dump(w);
            reconcile(w, "linear");
            assertEquals(before, dump(w), w.name() + ": reconcile again");
            assertEquals(BatchStatus.COMPLETED, w.bean(PipelineRunner.class).runSync(ws).getStatus());
            assertEquals(before, dump(w), w.name() + ": the nightly sync again");
        }
    }
}
