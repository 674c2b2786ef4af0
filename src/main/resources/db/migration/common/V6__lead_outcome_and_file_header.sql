-- Per lead: the deal its outcome is read from (rank 1) and the revenue it won. A real table keyed by
-- (tenant, lead_key) so mart_lead joins it by primary key: with statistics that are stale inside the
-- reconcile transaction, MariaDB otherwise picks the tenant prefix of core_deal's key and scans.
CREATE TABLE core_lead_outcome (
  tenant           VARCHAR(64)   NOT NULL,
  lead_key         VARCHAR(320)  NOT NULL,
  deal_source      VARCHAR(64)   NOT NULL,
  deal_record_id   VARCHAR(128)  NOT NULL,
  deal_status      VARCHAR(8)    NOT NULL,
  deal_created_at  DATETIME,
  deal_close_date  DATE          NOT NULL,
  match_method     VARCHAR(32),
  won_amount_rpt   DECIMAL(18,2) NOT NULL,
  PRIMARY KEY (tenant, lead_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The header row of each loaded file: stg_*.raw_row holds the cells as a JSON array in this order.
ALTER TABLE source_file ADD COLUMN header_json TEXT;
