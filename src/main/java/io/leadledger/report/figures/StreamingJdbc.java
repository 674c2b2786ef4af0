package io.leadledger.report.figures;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.leadledger.report.ReportExecutor;
import io.leadledger.warehouse.Dialect;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;

/**
 * A JdbcTemplate that reads large results row by row instead of buffering them (1M-lead warehouses, -Xmx512m).
 *
 * <p>On MariaDB its connections also let the server sort wide rows in one pass: with rows longer than
 * {@code max_length_for_sort_data} (1 KB by default; a lead's detail row may be 6 KB as declared) MariaDB sorts
 * only the keys and then reads every row again by primary key, which took 20 s instead of 2 s for a year of
 * handed leads. They come from a small pool of their own whose connections are opened with the setting, so no
 * connection of the main pool ever carries it. MySQL 8.0.20+ ignores the setting; H2 has none.
 */
@Component
public class StreamingJdbc implements DisposableBean {

    static final String SORT_DATA = "SET SESSION max_length_for_sort_data = 65536";

    private final HikariDataSource wideSorts;
    private final JdbcTemplate template;

    public StreamingJdbc(DataSource dataSource, Dialect dialect) {
        this.wideSorts = dialect.mariaDb() && dataSource instanceof HikariDataSource main ? wideSortPool(main) : null;
        this.template = new JdbcTemplate(wideSorts != null ? wideSorts : dataSource);
        template.setFetchSize(dialect.streamingFetchSize());
    }

    /** The main pool's settings (URL, login, driver properties) with the sort setting, one connection per report task. */
    private static HikariDataSource wideSortPool(HikariDataSource main) {
        HikariConfig c = new HikariConfig();
        main.copyStateTo(c);
        c.setPoolName("leadledger-wide-sorts");
        c.setMaximumPoolSize(ReportExecutor.MAX_THREADS);
        c.setMinimumIdle(0);
        c.setConnectionInitSql(SORT_DATA);
        return new HikariDataSource(c);
    }

    public JdbcTemplate template() {
        return template;
    }

    @Override
    public void destroy() {
        if (wideSorts != null) {
            wideSorts.close();
        }
    }
}
