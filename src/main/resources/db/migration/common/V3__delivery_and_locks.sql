-- Delivery of the monthly reports and locks between processes. Runs on H2 (MySQL mode) and MySQL 8 / MariaDB.

-- One row per e-mail of a report job to one recipient for one tenant and month. seq 0 is the first
-- delivery, each --resend adds seq + 1: the unique key is what makes a re-run never send twice.
-- A row is 'pending' until the SMTP server accepted it ('sent'); 'sending' is claimed by one process
-- until next_attempt_at (a lease), so two processes retrying never send the same row.
CREATE TABLE delivery_log (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  tenant           VARCHAR(64)   NOT NULL,
  job_name         VARCHAR(100)  NOT NULL,
  report_month     CHAR(7)       NOT NULL,
  recipient        VARCHAR(320)  NOT NULL,
  seq              INT           NOT NULL,
  reports          VARCHAR(500)  NOT NULL,
  version          CHAR(64)      NOT NULL,
  status           VARCHAR(16)   NOT NULL,
  attempts         INT           NOT NULL,
  subject          VARCHAR(500)  NOT NULL,
  body_html        TEXT          NOT NULL,
  body_text        TEXT          NOT NULL,
  attachments      VARCHAR(4000) NOT NULL,
  last_error       VARCHAR(2000),
  run_id           BIGINT,
  created_at       DATETIME      NOT NULL,
  next_attempt_at  DATETIME      NOT NULL,
  sent_at          DATETIME,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE UNIQUE INDEX delivery_log_once_idx ON delivery_log (tenant, job_name, report_month, recipient, seq);
CREATE INDEX delivery_log_due_idx ON delivery_log (tenant, status, next_attempt_at);

-- ShedLock's lock table: one row per lock name ("<tenant>:<job>"), held while lock_until is in the
-- future (database time). A live holder keeps extending it; a killed one lets it lapse.
CREATE TABLE shedlock (
  name        VARCHAR(200)  NOT NULL,
  lock_until  DATETIME(3)   NOT NULL,
  locked_at   DATETIME(3)   NOT NULL,
  locked_by   VARCHAR(255)  NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
