package io.leadledger.warehouse;

import com.mysql.cj.jdbc.JdbcStatement;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
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

    static void replaceInto(JdbcTemplate jdbc, String table, List<String> columns, byte[] tsv) {
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

    /** Rows as LOAD DATA's tab-separated text, written straight to UTF-8 bytes (this runs per cell). */
    static byte[] tsv(List<Object[]> rows) {
        Bytes out = new Bytes(rows.size() * 192);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    out.put('\t');
                }
                append(out, row[i]);
            }
            out.put('\n');
        }
        return out.toArray();
    }

    private static void append(Bytes out, Object v) {
        if (v == null) {
            out.put('\\').put('N');
        } else if (v instanceof String s) {
            text(out, s);
        } else if (v instanceof LocalDateTime t) {
            date(out, t.toLocalDate());
            out.put(' ');
            two(out, t.getHour()).put(':');
            two(out, t.getMinute()).put(':');
            two(out, t.getSecond());
        } else if (v instanceof LocalDate d) {
            date(out, d);
        } else if (v instanceof Integer i) {
            out.number(i);
        } else if (v instanceof Long l) {
            out.number(l);
        } else if (v instanceof BigDecimal d) {
            out.ascii(d.toPlainString());
        } else {
            text(out, v.toString());
        }
    }

    private static void date(Bytes out, LocalDate d) {
        int y = d.getYear();
        if (y < 1000 || y > 9999) {
            out.ascii(d.toString());
            return;
        }
        out.number(y).put('-');
        two(out, d.getMonthValue()).put('-');
        two(out, d.getDayOfMonth());
    }

    private static Bytes two(Bytes out, int n) {
        return out.put((char) ('0' + n / 10)).put((char) ('0' + n % 10));
    }

    private static void text(Bytes out, String s) {
        boolean plain = true;
        for (int i = 0; i < s.length() && plain; i++) {
            char c = s.charAt(i);
            plain = c >= 0x20 && c < 0x7f && c != '\\';
        }
        if (plain) {
            out.ascii(s);
            return;
        }
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\0' -> b.append("\\0");
                default -> b.append(c);
            }
        }
        out.raw(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A growable byte buffer without the synchronisation of ByteArrayOutputStream. */
    private static final class Bytes {
        private byte[] buf;
        private int len;

        Bytes(int capacity) {
            buf = new byte[Math.max(64, capacity)];
        }

        Bytes put(char c) {
            ensure(1);
            buf[len++] = (byte) c;
            return this;
        }

        /** Text known to be printable ASCII: one byte per char. */
        @SuppressWarnings("deprecation") // the one String copy that writes ASCII straight into a byte[]
        Bytes ascii(String s) {
            int n = s.length();
            ensure(n);
            s.getBytes(0, n, buf, len);
            len += n;
            return this;
        }

        /** Decimal digits without a String per number (row numbers, run ids and flags are on every row). */
        Bytes number(long n) {
            if (n < 0) {
                if (n == Long.MIN_VALUE) {
                    return ascii(Long.toString(n));
                }
                put('-');
                n = -n;
            }
            int digits = 1;
            for (long x = n; x >= 10; x /= 10) {
                digits++;
            }
            ensure(digits);
            for (int i = len + digits - 1; i >= len; i--) {
                buf[i] = (byte) ('0' + n % 10);
                n /= 10;
            }
            len += digits;
            return this;
        }

        void raw(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
        }

        private void ensure(int n) {
            if (len + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
            }
        }

        byte[] toArray() {
            return Arrays.copyOf(buf, len);
        }
    }
}
