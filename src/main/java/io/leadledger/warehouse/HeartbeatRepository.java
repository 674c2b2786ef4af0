package io.leadledger.warehouse;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.List;

/** The heartbeats of partitions running on workers (table partition_heartbeat): a counter per step execution. */
@Repository
public class HeartbeatRepository {

    private final JdbcTemplate jdbc;

    public HeartbeatRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void beat(long stepExecutionId, String tenant, String worker) {
        if (jdbc.update("UPDATE partition_heartbeat SET beats = beats + 1, worker = ? WHERE step_execution_id = ?",
                worker, stepExecutionId) == 0) {
            jdbc.update("INSERT INTO partition_heartbeat (step_execution_id, tenant, worker, beats) VALUES (?, ?, ?, 1)",
                    stepExecutionId, tenant, worker);
        }
    }

    /** The partition's beats so far, 0 before its first. */
    public long beats(long stepExecutionId) {
        List<Long> b = jdbc.queryForList("SELECT beats FROM partition_heartbeat WHERE step_execution_id = ?", Long.class,
                stepExecutionId);
        return b.isEmpty() ? 0 : b.get(0);
    }

    public void clear(long stepExecutionId) {
        jdbc.update("DELETE FROM partition_heartbeat WHERE step_execution_id = ?", stepExecutionId);
    }
}
