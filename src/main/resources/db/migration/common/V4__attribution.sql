-- Multi-touch attribution. Runs unchanged on H2 (MySQL mode) and MySQL 8 / MariaDB.

-- Which touch a credit row pays: the lead record (or, later, campaign membership) and when it happened.
-- touch_seq is the touch's position on the deal's path (its lead's touches up to the close date, by time).
ALTER TABLE core_attribution ADD COLUMN touch_source VARCHAR(64);
ALTER TABLE core_attribution ADD COLUMN touch_record_id VARCHAR(128);
ALTER TABLE core_attribution ADD COLUMN touch_at DATETIME;

-- The Markov model's removal effects per channel, over every lead's journey (Anderl et al. 2016):
-- removal_effect = 1 - p_without / p_conversion; share = removal_effect / sum of removal effects.
CREATE TABLE core_removal_effect (
  tenant          VARCHAR(64)    NOT NULL,
  channel         VARCHAR(100)   NOT NULL,
  journeys        BIGINT         NOT NULL,
  conversions     BIGINT         NOT NULL,
  p_conversion    DECIMAL(12,10) NOT NULL,
  p_without       DECIMAL(12,10) NOT NULL,
  removal_effect  DECIMAL(12,10) NOT NULL,
  share           DECIMAL(9,6)   NOT NULL,
  PRIMARY KEY (tenant, channel)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
