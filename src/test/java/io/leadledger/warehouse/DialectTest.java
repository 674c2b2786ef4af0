package io.leadledger.warehouse;

import org.junit.jupiter.api.Test;
import org.springframework.batch.support.DatabaseType;

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
}
