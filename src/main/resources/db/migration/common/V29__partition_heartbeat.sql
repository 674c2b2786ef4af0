-- Remote partitioning: a worker running a partition counts up its row here every few seconds (on its own
-- connection, outside the step's transaction), so the manager can tell a long reconcile or render, which commits
-- nothing until it ends, from a worker that was killed. A counter, not a time: the machines' clocks may differ.
CREATE TABLE partition_heartbeat (
  step_execution_id BIGINT       NOT NULL,
  tenant            VARCHAR(64)  NOT NULL,
  worker            VARCHAR(200) NOT NULL,
  beats             BIGINT       NOT NULL,
  PRIMARY KEY (step_execution_id)
);
