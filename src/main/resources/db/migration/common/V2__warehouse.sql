-- Leadledger warehouse. Runs unchanged on H2 (MySQL mode) and MySQL 8 / MariaDB.
-- Every table carries `tenant`. Binary collation so text compares and sorts the same on H2 and MariaDB.
-- Layers: staging (stg_*: as received, per source kind) -> core (core_*: reconciled) -> marts (mart_*).

CREATE TABLE tenant (
  tenant              VARCHAR(64)  NOT NULL,
  name                VARCHAR(200) NOT NULL,
  reporting_currency  CHAR(3)      NOT NULL,
  timezone            VARCHAR(64)  NOT NULL,
  updated_at          DATETIME     NOT NULL,
  PRIMARY KEY (tenant)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per source file version ever loaded: the content hash makes a re-delivered file a no-op.
CREATE TABLE source_file (
  tenant       VARCHAR(64)   NOT NULL,
  source_name  VARCHAR(64)   NOT NULL,
  file_hash    CHAR(64)      NOT NULL,
  file_path    VARCHAR(1000) NOT NULL,
  file_size    BIGINT        NOT NULL,
  run_id       BIGINT        NOT NULL,
  loaded_at    DATETIME      NOT NULL,
  PRIMARY KEY (tenant, source_name, file_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Count audit per run, source and file: rows_read = rows_loaded + rows_quarantined + rows_duplicate.
CREATE TABLE run_audit (
  run_id            BIGINT        NOT NULL,
  tenant            VARCHAR(64)   NOT NULL,
  source_name       VARCHAR(64)   NOT NULL,
  source_kind       VARCHAR(16)   NOT NULL,
  source_file       VARCHAR(1000) NOT NULL,
  file_hash         CHAR(64),
  status            VARCHAR(16)   NOT NULL,
  rows_read         BIGINT        NOT NULL,
  rows_loaded       BIGINT        NOT NULL,
  rows_quarantined  BIGINT        NOT NULL,
  rows_duplicate    BIGINT        NOT NULL,
  message           VARCHAR(2000),
  started_at        DATETIME      NOT NULL,
  ended_at          DATETIME,
  PRIMARY KEY (run_id, source_name, file_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX run_audit_tenant_idx ON run_audit (tenant, run_id);

-- Rows that could not be loaded, with where they came from and why.
CREATE TABLE quarantine (
  id           BIGINT        NOT NULL AUTO_INCREMENT,
  tenant       VARCHAR(64)   NOT NULL,
  run_id       BIGINT        NOT NULL,
  source_name  VARCHAR(64)   NOT NULL,
  source_file  VARCHAR(1000) NOT NULL,
  row_num      BIGINT        NOT NULL,
  field_name   VARCHAR(100)  NOT NULL,
  raw_value    VARCHAR(1000),
  reason       VARCHAR(1000) NOT NULL,
  raw_row      TEXT,
  created_at   DATETIME      NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX quarantine_run_idx ON quarantine (tenant, run_id, source_name);

-- Raw source values -> the tenant's channel taxonomy (from jobs/leadledger.yml, reloaded every run).
CREATE TABLE channel_map (
  tenant     VARCHAR(64)  NOT NULL,
  raw_value  VARCHAR(300) NOT NULL,
  channel    VARCHAR(100) NOT NULL,
  PRIMARY KEY (tenant, raw_value)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- ---------------------------------------------------------------- staging
-- Typed values parsed from the row plus the row exactly as received (raw_row, JSON object).
CREATE TABLE stg_lead (
  tenant            VARCHAR(64)   NOT NULL,
  source_name       VARCHAR(64)   NOT NULL,
  record_id         VARCHAR(128)  NOT NULL,
  email             VARCHAR(320),
  email_norm        VARCHAR(320),
  first_name        VARCHAR(200),
  last_name         VARCHAR(200),
  company           VARCHAR(300),
  created_at        DATETIME      NOT NULL,
  source_raw        VARCHAR(200),
  source_detail     VARCHAR(200),
  campaign          VARCHAR(300),
  lead_status       VARCHAR(100),
  lifecycle_stage   VARCHAR(100),
  handed_at         DATETIME,
  accepted_at       DATETIME,
  first_touch_at    DATETIME,
  rejected          SMALLINT      NOT NULL,
  rejection_reason  VARCHAR(200),
  owner_name        VARCHAR(200),
  is_deleted        SMALLINT      NOT NULL,
  source_file       VARCHAR(1000) NOT NULL,
  row_num           BIGINT        NOT NULL,
  run_id            BIGINT        NOT NULL,
  raw_row           TEXT,
  PRIMARY KEY (tenant, source_name, record_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX stg_lead_email_idx ON stg_lead (tenant, email_norm);

CREATE TABLE stg_deal (
  tenant           VARCHAR(64)   NOT NULL,
  source_name      VARCHAR(64)   NOT NULL,
  record_id        VARCHAR(128)  NOT NULL,
  deal_name        VARCHAR(300),
  account_name     VARCHAR(300),
  contact_email    VARCHAR(320),
  email_norm       VARCHAR(320),
  lead_ref         VARCHAR(128),
  stage            VARCHAR(100),
  is_closed        SMALLINT      NOT NULL,
  is_won           SMALLINT      NOT NULL,
  amount           DECIMAL(18,2) NOT NULL,
  currency         CHAR(3)       NOT NULL,
  created_at       DATETIME,
  close_date       DATE          NOT NULL,
  owner_name       VARCHAR(200),
  loss_reason      VARCHAR(200),
  lead_source_raw  VARCHAR(200),
  is_deleted       SMALLINT      NOT NULL,
  source_file      VARCHAR(1000) NOT NULL,
  row_num          BIGINT        NOT NULL,
  run_id           BIGINT        NOT NULL,
  raw_row          TEXT,
  PRIMARY KEY (tenant, source_name, record_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- record_id of a spend row is its natural key (date, channel, campaign, currency) as received.
CREATE TABLE stg_spend (
  tenant        VARCHAR(64)   NOT NULL,
  source_name   VARCHAR(64)   NOT NULL,
  record_id     VARCHAR(128)  NOT NULL,
  spend_date    DATE          NOT NULL,
  channel_raw   VARCHAR(200),
  campaign      VARCHAR(300),
  amount        DECIMAL(18,2) NOT NULL,
  currency      CHAR(3)       NOT NULL,
  source_file   VARCHAR(1000) NOT NULL,
  row_num       BIGINT        NOT NULL,
  run_id        BIGINT        NOT NULL,
  raw_row       TEXT,
  PRIMARY KEY (tenant, source_name, record_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- ECB reference rates as published: units of `currency` per 1 EUR.
CREATE TABLE fx_rate (
  tenant     VARCHAR(64)   NOT NULL,
  currency   CHAR(3)       NOT NULL,
  rate_date  DATE          NOT NULL,
  per_eur    DECIMAL(18,6) NOT NULL,
  PRIMARY KEY (tenant, currency, rate_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- ---------------------------------------------------------------- core
-- Daily factor currency -> reporting currency (last published rate carried forward), derived from fx_rate.
CREATE TABLE core_fx_daily (
  tenant      VARCHAR(64)   NOT NULL,
  currency    CHAR(3)       NOT NULL,
  rate_date   DATE          NOT NULL,
  to_reporting DECIMAL(24,10) NOT NULL,
  PRIMARY KEY (tenant, currency, rate_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per person: source records merged by normalised email.
CREATE TABLE core_lead (
  tenant              VARCHAR(64)   NOT NULL,
  lead_key            VARCHAR(320)  NOT NULL,
  email_norm          VARCHAR(320),
  created_at          DATETIME      NOT NULL,
  channel             VARCHAR(100)  NOT NULL,
  campaign            VARCHAR(300),
  primary_source      VARCHAR(64)   NOT NULL,
  primary_record_id   VARCHAR(128)  NOT NULL,
  member_count        INT           NOT NULL,
  handed_at           DATETIME,
  first_touch_at      DATETIME,
  accepted_at         DATETIME,
  rejected            SMALLINT      NOT NULL,
  rejection_reason    VARCHAR(200),
  owner_name          VARCHAR(200),
  PRIMARY KEY (tenant, lead_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE core_lead_member (
  tenant       VARCHAR(64)  NOT NULL,
  source_name  VARCHAR(64)  NOT NULL,
  record_id    VARCHAR(128) NOT NULL,
  lead_key     VARCHAR(320) NOT NULL,
  created_at   DATETIME     NOT NULL,
  PRIMARY KEY (tenant, source_name, record_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX core_lead_member_lead_idx ON core_lead_member (tenant, lead_key);
CREATE INDEX core_lead_member_rec_idx ON core_lead_member (tenant, record_id);

-- Touch / stage history: one row per lead and stage reached, with when.
CREATE TABLE core_lead_stage (
  tenant     VARCHAR(64)  NOT NULL,
  lead_key   VARCHAR(320) NOT NULL,
  stage      VARCHAR(32)  NOT NULL,
  stage_at   DATETIME     NOT NULL,
  reason     VARCHAR(200),
  PRIMARY KEY (tenant, lead_key, stage)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE core_deal (
  tenant          VARCHAR(64)   NOT NULL,
  source_name     VARCHAR(64)   NOT NULL,
  record_id       VARCHAR(128)  NOT NULL,
  deal_name       VARCHAR(300),
  account_name    VARCHAR(300),
  stage           VARCHAR(100),
  status          VARCHAR(8)    NOT NULL,
  amount          DECIMAL(18,2) NOT NULL,
  currency        CHAR(3)       NOT NULL,
  amount_rpt      DECIMAL(18,2),
  created_at      DATETIME,
  close_date      DATE          NOT NULL,
  owner_name      VARCHAR(200),
  loss_reason     VARCHAR(200),
  lead_key        VARCHAR(320),
  match_method    VARCHAR(32),
  inconsistent    SMALLINT      NOT NULL,
  lead_rank       INT,
  PRIMARY KEY (tenant, source_name, record_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX core_deal_lead_idx ON core_deal (tenant, lead_key, lead_rank);

-- Every lead -> deal link and how it was made.
CREATE TABLE core_lead_deal_link (
  tenant        VARCHAR(64)  NOT NULL,
  source_name   VARCHAR(64)  NOT NULL,
  record_id     VARCHAR(128) NOT NULL,
  lead_key      VARCHAR(320) NOT NULL,
  match_method  VARCHAR(32)  NOT NULL,
  confidence    DECIMAL(4,3) NOT NULL,
  PRIMARY KEY (tenant, source_name, record_id, lead_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX core_link_lead_idx ON core_lead_deal_link (tenant, lead_key);

-- Users' manual links that win over every automatic rule.
CREATE TABLE link_override (
  tenant       VARCHAR(64)  NOT NULL,
  source_name  VARCHAR(64)  NOT NULL,
  record_id    VARCHAR(128) NOT NULL,
  lead_key     VARCHAR(320) NOT NULL,
  note         VARCHAR(500),
  PRIMARY KEY (tenant, source_name, record_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE core_spend (
  tenant      VARCHAR(64)   NOT NULL,
  month_key   INT           NOT NULL,
  channel     VARCHAR(100)  NOT NULL,
  campaign    VARCHAR(300)  NOT NULL,
  currency    CHAR(3)       NOT NULL,
  amount      DECIMAL(18,2) NOT NULL,
  amount_rpt  DECIMAL(18,2) NOT NULL,
  PRIMARY KEY (tenant, month_key, channel, campaign, currency)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Revenue credit per deal, model and touch; credits of one deal sum to its amount.
CREATE TABLE core_attribution (
  tenant       VARCHAR(64)   NOT NULL,
  source_name  VARCHAR(64)   NOT NULL,
  record_id    VARCHAR(128)  NOT NULL,
  model        VARCHAR(32)   NOT NULL,
  touch_seq    INT           NOT NULL,
  lead_key     VARCHAR(320)  NOT NULL,
  channel      VARCHAR(100)  NOT NULL,
  campaign     VARCHAR(300)  NOT NULL,
  credit_share DECIMAL(9,6)  NOT NULL,
  credit_rpt   DECIMAL(18,2) NOT NULL,
  PRIMARY KEY (tenant, source_name, record_id, model, touch_seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- ---------------------------------------------------------------- marts
-- One row per lead: its funnel outcome and its deal, what the reports and the XLSX detail read.
CREATE TABLE mart_lead (
  tenant             VARCHAR(64)   NOT NULL,
  lead_key           VARCHAR(320)  NOT NULL,
  primary_source     VARCHAR(64)   NOT NULL,
  primary_record_id  VARCHAR(128)  NOT NULL,
  channel            VARCHAR(100)  NOT NULL,
  campaign           VARCHAR(300)  NOT NULL,
  created_at         DATETIME      NOT NULL,
  created_month      INT           NOT NULL,
  handed_at          DATETIME,
  handed_month       INT,
  first_touch_at     DATETIME,
  accepted_at        DATETIME,
  funnel_status      VARCHAR(16)   NOT NULL,
  rejection_reason   VARCHAR(200),
  owner_name         VARCHAR(200),
  outcome            VARCHAR(16)   NOT NULL,
  deal_source        VARCHAR(64),
  deal_record_id     VARCHAR(128),
  deal_created_at    DATETIME,
  deal_close_date    DATE,
  won_amount_rpt     DECIMAL(18,2) NOT NULL,
  match_method       VARCHAR(32),
  PRIMARY KEY (tenant, lead_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX mart_lead_created_idx ON mart_lead (tenant, created_month);
CREATE INDEX mart_lead_handed_idx ON mart_lead (tenant, handed_month);

-- Month x channel x campaign aggregates.
CREATE TABLE mart_channel_month (
  tenant           VARCHAR(64)   NOT NULL,
  month_key        INT           NOT NULL,
  channel          VARCHAR(100)  NOT NULL,
  campaign         VARCHAR(300)  NOT NULL,
  leads_created    BIGINT        NOT NULL,
  leads_handed     BIGINT        NOT NULL,
  accepted         BIGINT        NOT NULL,
  rejected         BIGINT        NOT NULL,
  never_touched    BIGINT        NOT NULL,
  pending          BIGINT        NOT NULL,
  spend_rpt        DECIMAL(18,2) NOT NULL,
  deals_created    BIGINT        NOT NULL,
  pipeline_rpt     DECIMAL(18,2) NOT NULL,
  deals_won        BIGINT        NOT NULL,
  customers_won    DECIMAL(18,6) NOT NULL,
  revenue_won_rpt  DECIMAL(18,2) NOT NULL,
  PRIMARY KEY (tenant, month_key, channel, campaign)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
