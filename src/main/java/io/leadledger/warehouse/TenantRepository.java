package io.leadledger.warehouse;

import io.leadledger.jobs.TenantSettings;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The tenant row and its channel taxonomy, refreshed from jobs/ at the start of every sync. */
@Repository
public class TenantRepository {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public TenantRepository(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void save(TenantSettings t) {
        jdbc.update("DELETE FROM tenant WHERE tenant = ?", t.id());
        jdbc.update("INSERT INTO tenant (tenant, name, reporting_currency, timezone, updated_at) VALUES (?,?,?,?,?)",
                t.id(), t.name(), t.reportingCurrency(), t.timezone(), Timestamp.valueOf(LocalDateTime.now(clock).withNano(0)));
        jdbc.update("DELETE FROM channel_map WHERE tenant = ?", t.id());
        List<Object[]> rows = new ArrayList<>();
        for (Map.Entry<String, String> e : t.channels().entrySet()) {
            // lower-case keys: matching raw source values ignores case
            rows.add(new Object[] {t.id(), e.getKey().trim().toLowerCase(Locale.ROOT), e.getValue().trim()});
        }
        jdbc.batchUpdate("INSERT INTO channel_map (tenant, raw_value, channel) VALUES (?,?,?)", rows);
    }
}
