package io.leadledger.warehouse;

import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.support.DatabaseType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DialectTest {

    @Test
    void theRowAliasFromMySql8019OnNeverOnMariaDb() {
        assertTrue(Dialect.supportsRowAlias("8.0.19"));
        assertTrue(Dialect.supportsRowAlias("8.0.36"));
        assertTrue(Dialect.supportsRowAlias("8.4.3"));
        assertTrue(Dialect.supportsRowAlias("9.1.0-commercial"));
        assertFalse(Dialect.supportsRowAlias("8.0.18"));
        assertFalse(Dialect.supportsRowAlias("5.7.44-log"));
        // Connector/J on MariaDB: product "MySQL", the 5.5.5 prefix then the real version
        assertFalse(Dialect.supportsRowAlias("5.5.5-10.11.6-MariaDB-0+deb12u1"));
        assertFalse(Dialect.supportsRowAlias("11.4.2-MariaDB"));
        assertFalse(Dialect.supportsRowAlias(null));
    }

    @Test
    void mariaDbIsToldFromItsVersionString() {
        Dialect maria = new Dialect(DatabaseType.MYSQL, "5.5.5-10.11.6-MariaDB-0+deb12u1");
        assertTrue(maria.mariaDb());
        assertFalse(maria.rowAlias());
        assertTrue(maria.mysqlFamily());
        Dialect mysql = new Dialect(DatabaseType.MYSQL, "8.0.36");
        assertFalse(mysql.mariaDb());
        assertTrue(mysql.rowAlias());
        assertEquals(Integer.MIN_VALUE, mysql.streamingFetchSize());
        Dialect h2 = new Dialect(DatabaseType.H2, "2.3.232 (2024-08-11)");
        assertTrue(h2.h2());
        assertFalse(h2.rowAlias());
        assertEquals(1000, h2.streamingFetchSize());
    }

    @Test
    void theTwoFormsOfTheUpdate() {
        assertEquals("AS new ON DUPLICATE KEY UPDATE a = new.a, b = new.b",
                new Dialect(DatabaseType.MYSQL, "8.0.36").onDuplicateKeyUpdate("a", "b"));
        assertEquals("ON DUPLICATE KEY UPDATE a = VALUES(a), b = VALUES(b)",
                new Dialect(DatabaseType.MYSQL, "5.5.5-10.11.6-MariaDB").onDuplicateKeyUpdate("a", "b"));
        assertThat(new Dialect(DatabaseType.H2, "2.3.232").onDuplicateKeyUpdate("a")).isEqualTo("ON DUPLICATE KEY UPDATE a = VALUES(a)");
    }

    @Test
    void onMySqlAnInsertSelectUpdatesFromTheSelectedRowInsteadOfValues() {
        String sql = """
                INSERT INTO int_lead_member (tenant, source_name, record_id, lead_key, created_at, ident_key, lead_domain, member_via)
                SELECT m.tenant, m.source_name, m.record_id, a.lead_key, m.created_at, m.ident_key, COALESCE(a.lead_domain, 'x') AS d, 'merge'
                FROM int_lead_alias a
                LEFT JOIN int_lead_member m ON m.tenant = a.tenant AND m.lead_key = a.alias_key
                WHERE a.tenant = :tenant AND m.record_id IS NOT NULL
                ON DUPLICATE KEY UPDATE lead_key = VALUES(lead_key), lead_domain = VALUES(lead_domain), member_via = VALUES(member_via)""";
        assertThat(Dialect.selectReferences(sql)).endsWith(
                "ON DUPLICATE KEY UPDATE lead_key = a.lead_key, lead_domain = COALESCE(a.lead_domain, 'x'), member_via = 'merge'")
                .startsWith(sql.substring(0, sql.indexOf("ON DUPLICATE")));
        assertEquals(sql, new Dialect(DatabaseType.MYSQL, "5.5.5-10.11.6-MariaDB").forServer(sql));
        assertEquals(sql, new Dialect(DatabaseType.H2, "2.3.232").forServer(sql));
        assertEquals(Dialect.selectReferences(sql), new Dialect(DatabaseType.MYSQL, "8.0.36").forServer(sql));
        // not an INSERT ... SELECT, or no VALUES(): as written
        String plain = "INSERT INTO t (a, b) VALUES (1, 2) ON DUPLICATE KEY UPDATE b = b + 1";
        assertEquals(plain, Dialect.selectReferences(plain));
    }
}
