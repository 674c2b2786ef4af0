-- Count audit of the API sources: per run and source, what the vendor's API says exists (api_total; NULL when
-- the API gives no such figure, or the count call failed: note says which) beside what the warehouse holds for
-- the source after the run (warehouse_count: its live, non-deleted staging rows, records merged away excluded).
CREATE TABLE api_count_audit (
  tenant           VARCHAR(64)   NOT NULL,
  run_id           BIGINT        NOT NULL,
  source_name      VARCHAR(64)   NOT NULL,
  api_total        BIGINT,
  warehouse_count  BIGINT        NOT NULL,
  note             VARCHAR(500),
  counted_at       DATETIME(3)   NOT NULL,
  PRIMARY KEY (tenant, run_id, source_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
