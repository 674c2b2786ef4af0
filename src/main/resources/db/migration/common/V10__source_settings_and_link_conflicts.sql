-- Issue 10, data side.
-- Per-source settings of nightly-sync.yml that the reconcile SQL applies (rewritten at the start of every
-- reconcile, like identity_domain_alias, so a changed setting applies without re-importing):
--   handed_at_created  1: the source's leads are handed over when created (handedAt: createdAt)
--   spend_fx_date      how a month-dated spend row is converted: month-average | first-business-day | row-date
--   problem            set when tonight a spend row of the source has no rate: its spend is left out, and the run
--                      fails after the other sources were reconciled, with this text (names setting and date)
CREATE TABLE source_setting (
  tenant             VARCHAR(64) NOT NULL,
  source_name        VARCHAR(64) NOT NULL,
  handed_at_created  SMALLINT    NOT NULL,
  spend_fx_date      VARCHAR(24) NOT NULL,
  problem            VARCHAR(2000),
  PRIMARY KEY (tenant, source_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Which lead sources a deals source's lead reference points into (leadRefSources / leadRefProfile).
-- A deals source without rows here is unscoped.
CREATE TABLE deal_lead_ref_source (
  tenant       VARCHAR(64) NOT NULL,
  deal_source  VARCHAR(64) NOT NULL,
  lead_source  VARCHAR(64) NOT NULL,
  PRIMARY KEY (tenant, deal_source, lead_source)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- 1: the deal's source has a lead-ref scope (deal_lead_ref_source)
ALTER TABLE core_deal_ref ADD COLUMN ref_scoped SMALLINT NOT NULL DEFAULT 0;

-- Why a link is less certain than its rule: 'email_contradicts_id' = the deal's lead id names a lead whose
-- e-mail is not the deal's contact e-mail (both present). The appendix counts them.
ALTER TABLE core_lead_deal_link ADD COLUMN conflict VARCHAR(32);
ALTER TABLE core_lead_deal_link ADD COLUMN conflict_email VARCHAR(320);

-- 1: the spend row was dated by month only (yyyy-MM) and is dated the month's 1st
ALTER TABLE stg_spend ADD COLUMN month_only SMALLINT NOT NULL DEFAULT 0;

-- Month-dated spend rates per currency and month (only for months the FX file covers from their start):
-- the average of the factors on the ECB's publication days, and the factor of the month's first publication day.
CREATE TABLE core_fx_monthly (
  tenant              VARCHAR(64)    NOT NULL,
  currency            CHAR(3)        NOT NULL,
  month_key           INT            NOT NULL,
  month_average       DECIMAL(24,10) NOT NULL,
  first_business_day  DECIMAL(24,10) NOT NULL,
  PRIMARY KEY (tenant, currency, month_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
