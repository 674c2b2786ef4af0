-- Launch history of our own, written by RunHistoryRecorder (a JobExecutionListener on every job) and by
-- AbandonedRuns: history, status, catch-up and the freshness gate read it with one indexed query instead
-- of reading Spring Batch's BATCH_* tables. Runs on H2 (MySQL mode) and MariaDB / MySQL.
CREATE TABLE run_history (
  run_id           BIGINT         NOT NULL,
  job_instance_id  BIGINT         NOT NULL,
  tenant           VARCHAR(64)    NOT NULL,
  job_name         VARCHAR(100)   NOT NULL,
  status           VARCHAR(10)    NOT NULL,
  exit_code        VARCHAR(2500),
  exit_message     VARCHAR(2500),
  failed_step      VARCHAR(100),
  start_time       DATETIME(6),
  end_time         DATETIME(6),
  scheduled_for    VARCHAR(40),
  report_month     CHAR(7),
  deliver          BOOLEAN        NOT NULL DEFAULT FALSE,
  PRIMARY KEY (run_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX run_history_tenant_job ON run_history (tenant, job_name, run_id);
CREATE INDEX run_history_instance ON run_history (job_instance_id);

-- One-time back-fill of the runs made before this table existed (an upgrade, not main code).
INSERT INTO run_history (run_id, job_instance_id, tenant, job_name, status, exit_code, exit_message, failed_step,
                         start_time, end_time, scheduled_for, report_month, deliver)
SELECT e.JOB_EXECUTION_ID, e.JOB_INSTANCE_ID, p.PARAMETER_VALUE, i.JOB_NAME, COALESCE(e.STATUS, 'UNKNOWN'),
       e.EXIT_CODE, e.EXIT_MESSAGE,
       (SELECT MAX(s.STEP_NAME) FROM BATCH_STEP_EXECUTION s
         WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND s.STATUS IN ('FAILED', 'UNKNOWN', 'ABANDONED')),
       e.START_TIME, e.END_TIME,
       (SELECT MAX(x.PARAMETER_VALUE) FROM BATCH_JOB_EXECUTION_PARAMS x
         WHERE x.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND x.PARAMETER_NAME = 'scheduledFor'),
       (SELECT MAX(x.PARAMETER_VALUE) FROM BATCH_JOB_EXECUTION_PARAMS x
         WHERE x.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND x.PARAMETER_NAME = 'month'),
       CASE WHEN EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS x WHERE x.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
                          AND x.PARAMETER_NAME = 'deliver' AND x.PARAMETER_VALUE = 'true') THEN TRUE ELSE FALSE END
FROM BATCH_JOB_EXECUTION e
JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'tenant';
