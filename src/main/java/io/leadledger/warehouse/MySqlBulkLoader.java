package io.leadledger.warehouse;

import com.mysql.cj.jdbc.JdbcStatement;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;

/**
 * Upserts a chunk with MySQL/MariaDB's fastest path: LOAD DATA LOCAL INFILE ... REPLACE, fed from memory
 * (Connector/J's setLocalInfileInputStream), on the chunk's own connection and transaction. REPLACE
 * gives the same result as the upsert by primary key. Needs allowLoadLocalInfile=true on the JDBC URL
 * and local_infile=ON on the server; StagingRepository falls back to batched INSERTs otherwise.
 */
final class MySqlBulkLoader {

    private MySqlBulkLoader() {
    }

    static void replaceInto(JdbcTemplate jdbc, String table, List<String> columns, List<Object[]> rows) {
        byte[] tsv = tsv(rows);
        String sql = "LOAD DATA LOCAL INFILE 'leadledger-chunk' REPLACE INTO TABLE " + table
                + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' ("
                + String.join(", ", columns) + ")";
        jdbc.execute((ConnectionCallback<Void>) con -> {
            try (Statement st = con.createStatement()) {
                st.unwrap(JdbcStatement.class).setLocalInfileInputStream(new ByteArrayInputStream(tsv));
                st.execute(sql);
            }
            return null;
        });
    }

    static byte[] tsv(List<Object[]> rows) {
        StringBuilder sb = new StringBuilder(rows.size() * 256);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    sb.append('\t');
                }
                append(sb, row[i]);
            }
            sb.append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void append(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("\\N");
        } else if (v instanceof Timestamp t) {
            sb.append(t.toLocalDateTime().toString().replace('T', ' '));
        } else if (v instanceof BigDecimal d) {
            sb.append(d.toPlainString());
        } else if (v instanceof Number || v instanceof java.sql.Date) {
            sb.append(v);
        } else {
            String s = v.toString();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\\' -> sb.append("\\\\");
                    case '\t' -> sb.append("\\t");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\0' -> sb.append("\\0");
                    default -> sb.append(c);
                }
            }
        }
    }
}
