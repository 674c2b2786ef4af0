-- Recovery of deliveries after a kill, and e-mails that do not depend on the output folder.
-- Runs on H2 (MySQL mode) and MariaDB / MySQL.

-- Who holds a 'sending' row ("host pid 42"): a process of this host that is gone gives it up at once
-- instead of after the 10-minute lease. message_id is the deterministic Message-ID every attempt of
-- the row is sent with, so a copy sent twice (kill after the server took it) can be dropped by mail systems.
ALTER TABLE delivery_log ADD COLUMN claimed_by VARCHAR(255);
ALTER TABLE delivery_log ADD COLUMN message_id VARCHAR(255);

-- The report files a delivery attaches, kept per figures version when the delivery is created: a retry
-- reads them from here, so cleaning the output folder never loses an e-mail that is due.
CREATE TABLE report_archive (
  tenant        VARCHAR(64)   NOT NULL,
  report_month  CHAR(7)       NOT NULL,
  version       CHAR(64)      NOT NULL,
  file_name     VARCHAR(255)  NOT NULL,
  content       LONGBLOB      NOT NULL,
  created_at    DATETIME      NOT NULL,
  PRIMARY KEY (tenant, report_month, version, file_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
