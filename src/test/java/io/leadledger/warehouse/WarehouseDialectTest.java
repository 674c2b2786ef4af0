package io.leadledger.warehouse;

import io.leadledger.report.figures.StreamingJdbc;
import io.leadledger.support.TestWarehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Dialect bean, the tenant tables and the report reads' pool, on the real servers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WarehouseDialectTest {

    final Map<String, TestWarehouse> warehouses = new LinkedHashMap<>();

    @BeforeAll
    void start() throws Exception {
        warehouses.put("h2", TestWarehouse.h2(Files.createTempDirectory("ll-dialect")));
        warehouses.put("mariadb", TestWarehouse.mariadb("leadledger_dialect"));
    }

    @AfterAll
    void stop() {
        warehouses.values().forEach(TestWarehouse::close);
    }

    @Test
    void eachServerIsKnownForWhatItIs() {
        Dialect h2 = warehouses.get("h2").bean(Dialect.class);
        assertTrue(h2.h2());
        assertFalse(h2.mysqlFamily());
        Dialect maria = warehouses.get("mariadb").bean(Dialect.class);
        assertTrue(maria.mariaDb(), "Connector/J reports MariaDB as MySQL; its version string tells");
        assertTrue(maria.mysqlFamily());
        assertFalse(maria.rowAlias());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void theChosenUpsertFormRunsAndTheRowAliasIsRefusedWhereItIsNotChosen(String db) {
        TestWarehouse w = warehouses.get(db);
        Dialect dialect = w.bean(Dialect.class);
        JdbcTemplate jdbc = w.jdbc();
        jdbc.execute("CREATE TABLE dialect_probe (k INT NOT NULL PRIMARY KEY, v VARCHAR(10))");
        try {
            String insert = "INSERT INTO dialect_probe (k, v) VALUES (?, ?) ";
            jdbc.update(insert + dialect.onDuplicateKeyUpdate("v"), 1, "first");
            jdbc.update(insert + dialect.onDuplicateKeyUpdate("v"), 1, "second");
            assertEquals("second", jdbc.queryForObject("SELECT v FROM dialect_probe WHERE k = 1", String.class));
            // neither MariaDB nor H2 has MySQL 8.0.19's row alias: the choice matters
            assertThatThrownBy(() -> jdbc.update(insert + "AS new ON DUPLICATE KEY UPDATE v = new.v", 1, "third"))
                    .isInstanceOf(org.springframework.dao.DataAccessException.class);
        } finally {
            jdbc.execute("DROP TABLE dialect_probe");
        }
    }

    @Test
    void theTenantTablesComeFromTheCatalogueAndAreTheSameOnBothServers() {
        List<String> h2 = warehouses.get("h2").bean(TenantTables.class).all();
        List<String> maria = warehouses.get("mariadb").bean(TenantTables.class).all();
        assertEquals(h2, maria);
        assertThat(h2).contains("tenant", "stg_lead", "quarantine", "core_lead", "int_lead_member", "mart_lead",
                "mart_channel_month", "fx_rate", "link_override", "delivery_log", "report_archive")
                .doesNotContain("shedlock", "batch_job_execution", "flyway_schema_history");
    }

    @Test
    void reportReadsOnMariaDbSortWideRowsInOnePassWithoutTouchingTheMainPool() {
        TestWarehouse w = warehouses.get("mariadb");
        String sql = "SELECT @@SESSION.max_length_for_sort_data";
        assertEquals(65536L, w.bean(StreamingJdbc.class).template().queryForObject(sql, Long.class));
        assertThat(w.jdbc().queryForObject(sql, Long.class)).isNotEqualTo(65536L);
        TestWarehouse h2 = warehouses.get("h2");
        assertThat(h2.bean(StreamingJdbc.class).template().getDataSource()).isSameAs(h2.jdbc().getDataSource());
    }
}
