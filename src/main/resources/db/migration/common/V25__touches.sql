-- Touches (issue 12): a person's marketing interactions as the tools recorded them (campaign members, form fills,
-- clicks), staged like the other kinds, and matched to leads by the reconcile (int_touch).
CREATE TABLE stg_touch (
  tenant        VARCHAR(64)   NOT NULL,
  source_name   VARCHAR(64)   NOT NULL,
  record_id     VARCHAR(128)  NOT NULL,
  email         VARCHAR(320),
  email_norm    VARCHAR(320),
  person_id     VARCHAR(128),
  touched_at    DATETIME      NOT NULL,
  source_raw    VARCHAR(200),
  source_detail VARCHAR(200),
  campaign      VARCHAR(300),
  touch_type    VARCHAR(100),
  is_deleted    SMALLINT      NOT NULL,
  source_file   VARCHAR(1000) NOT NULL,
  row_num       BIGINT        NOT NULL,
  run_id        BIGINT        NOT NULL,
  raw_row       TEXT,
  PRIMARY KEY (tenant, source_name, record_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Each live touch with the lead it belongs to (lead_key null: no lead of the tenant has that person), the channel
-- it maps to, and how it was matched ('record': the person id in a leads source the touches source names;
-- 'email'; 'merge': an address merged into another lead).
CREATE TABLE int_touch (
  tenant        VARCHAR(64)   NOT NULL,
  source_name   VARCHAR(64)   NOT NULL,
  record_id     VARCHAR(128)  NOT NULL,
  lead_key      VARCHAR(320),
  touched_at    DATETIME      NOT NULL,
  channel       VARCHAR(200)  NOT NULL,
  campaign      VARCHAR(300)  NOT NULL,
  touch_type    VARCHAR(100),
  matched_via   VARCHAR(16),
  person_id     VARCHAR(128),
  ident_key     VARCHAR(320),
  PRIMARY KEY (tenant, source_name, record_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX int_touch_lead_idx ON int_touch (tenant, lead_key);
CREATE INDEX int_touch_ident_idx ON int_touch (tenant, ident_key);
