-- Per API source: up to when its changes have been read (exclusive), written only when a run's partition of
-- that source has committed every page. The next night reads from here minus the source's overlap.
CREATE TABLE source_watermark (
  tenant       VARCHAR(64)  NOT NULL,
  source_name  VARCHAR(64)  NOT NULL,
  read_until   DATETIME(3)  NOT NULL,
  run_id       BIGINT       NOT NULL,
  PRIMARY KEY (tenant, source_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
