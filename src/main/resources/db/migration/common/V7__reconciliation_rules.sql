-- Reconciliation rules: identity rules, HubSpot merges, matching by company domain, unmatched lists.
-- Runs unchanged on H2 (MySQL mode) and MySQL 8 / MariaDB.

-- ---------------------------------------------------------------- staging
-- HubSpot "Merged Contact IDs" (hs_merged_object_ids): ids of records merged INTO this one, ';'-separated.
ALTER TABLE stg_lead ADD COLUMN merged_ids VARCHAR(2000);
-- The deal's account website as a bare domain (scheme, www. and path stripped at import).
ALTER TABLE stg_deal ADD COLUMN account_domain VARCHAR(255);

-- ---------------------------------------------------------------- configuration (rewritten by every reconcile)
-- identity.domainAliases of jobs/leadledger.yml: an e-mail domain -> the domain it stands for.
CREATE TABLE identity_domain_alias (
  tenant     VARCHAR(64)  NOT NULL,
  domain     VARCHAR(255) NOT NULL,
  canonical  VARCHAR(255) NOT NULL,
  PRIMARY KEY (tenant, domain)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Free-mail domains (the built-in list plus identity.freeMailDomains): never matched by domain.
-- 'yahoo.*' stands for yahoo under every top-level domain.
CREATE TABLE free_mail_domain (
  tenant  VARCHAR(64)  NOT NULL,
  domain  VARCHAR(255) NOT NULL,
  PRIMARY KEY (tenant, domain)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Rows of jobs/link-overrides.csv are 'file' (replaced every night); rows inserted by hand are 'manual'.
ALTER TABLE link_override ADD COLUMN origin VARCHAR(16) DEFAULT 'manual' NOT NULL;

-- ---------------------------------------------------------------- core
-- Record -> lead, rebuilt by every reconcile (so dropped, not altered). ident_key: the record's e-mail after the
-- identity rules (NULL without e-mail); lead_domain: the domain of its lead's key; member_via: why the record
-- is in its lead ('email', 'record' = no e-mail, 'merge'). Keyed (tenant, record_id, source_name): deals name
-- a record by its id alone, and a primary-key prefix is the plan MariaDB keeps with the stale statistics inside
-- the reconcile transaction (with a secondary index on (tenant, record_id) it may scan the tenant instead).
DROP TABLE core_lead_member;
CREATE TABLE core_lead_member (
  tenant       VARCHAR(64)  NOT NULL,
  source_name  VARCHAR(64)  NOT NULL,
  record_id    VARCHAR(128) NOT NULL,
  lead_key     VARCHAR(320) NOT NULL,
  created_at   DATETIME     NOT NULL,
  ident_key    VARCHAR(320),
  lead_domain  VARCHAR(255),
  member_via   VARCHAR(16)  NOT NULL,
  PRIMARY KEY (tenant, record_id, source_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX core_lead_member_lead_idx ON core_lead_member (tenant, lead_key);

-- The company domain of the lead's e-mail (after aliases).
ALTER TABLE core_lead ADD COLUMN email_domain VARCHAR(255);

-- Every lead by the domain of its key ('' for a lead without e-mail) with its earliest record: what the link
-- rules look leads up in, by primary key (a secondary index on core_lead loses to its tenant prefix under the
-- reconcile transaction's stale statistics). Built from core_lead_member, so matching does not wait for core_lead.
CREATE TABLE core_lead_domain (
  tenant      VARCHAR(64)  NOT NULL,
  domain      VARCHAR(255) NOT NULL,
  lead_key    VARCHAR(320) NOT NULL,
  created_at  DATETIME     NOT NULL,
  PRIMARY KEY (tenant, domain, lead_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- HubSpot merges as exported: the survivor lists the ids merged into it.
CREATE TABLE core_lead_merge (
  tenant       VARCHAR(64)  NOT NULL,
  source_name  VARCHAR(64)  NOT NULL,
  merged_id    VARCHAR(128) NOT NULL,
  survivor_id  VARCHAR(128) NOT NULL,
  PRIMARY KEY (tenant, source_name, merged_id, survivor_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- What a merged-away record stands for: alias_kind 'record' (alias_key = its id, for deals that still
-- reference it) or 'email' (alias_key = its identity e-mail, for records and deals with that address).
CREATE TABLE core_lead_alias (
  tenant       VARCHAR(64)  NOT NULL,
  alias_kind   VARCHAR(16)  NOT NULL,
  alias_key    VARCHAR(320) NOT NULL,
  source_name  VARCHAR(64)  NOT NULL,
  survivor_id  VARCHAR(128) NOT NULL,
  lead_key     VARCHAR(320) NOT NULL,
  lead_domain  VARCHAR(255),
  PRIMARY KEY (tenant, alias_kind, alias_key, source_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- What each (non-deleted) deal offers to be matched on, after the identity rules.
-- account_key: the account name (trimmed, lower case), or '#source:id' for a deal without one
-- (account_named = 0: such a deal is an account of its own, but never makes a domain ambiguous).
CREATE TABLE core_deal_ref (
  tenant          VARCHAR(64)  NOT NULL,
  source_name     VARCHAR(64)  NOT NULL,
  record_id       VARCHAR(128) NOT NULL,
  lead_ref        VARCHAR(128),
  ident_key       VARCHAR(320),
  email_domain    VARCHAR(255),
  email_free      SMALLINT     NOT NULL,
  website_domain  VARCHAR(255),
  website_free    SMALLINT     NOT NULL,
  account_key     VARCHAR(300) NOT NULL,
  account_named   SMALLINT     NOT NULL,
  deal_date       DATE         NOT NULL,
  PRIMARY KEY (tenant, source_name, record_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One company domain per account: from the account's websites, else learned from its contacts' e-mails
-- (origin 'website' or 'contacts').
CREATE TABLE core_account_domain (
  tenant       VARCHAR(64)  NOT NULL,
  account_key  VARCHAR(300) NOT NULL,
  account_named SMALLINT    NOT NULL,
  domain       VARCHAR(255) NOT NULL,
  origin       VARCHAR(16)  NOT NULL,
  PRIMARY KEY (tenant, account_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX core_account_domain_idx ON core_account_domain (tenant, domain);

-- Domains that several named accounts share: never used to match.
CREATE TABLE core_ambiguous_domain (
  tenant      VARCHAR(64)  NOT NULL,
  domain      VARCHAR(255) NOT NULL,
  accounts    INT          NOT NULL,
  PRIMARY KEY (tenant, domain)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Deals without a lead, and why: what an analyst reads to fill link_override.
CREATE TABLE core_unmatched_deal (
  tenant         VARCHAR(64)  NOT NULL,
  source_name    VARCHAR(64)  NOT NULL,
  record_id      VARCHAR(128) NOT NULL,
  reason         VARCHAR(32)  NOT NULL,
  lead_ref       VARCHAR(128),
  contact_email  VARCHAR(320),
  account_name   VARCHAR(300),
  domain         VARCHAR(255),
  PRIMARY KEY (tenant, source_name, record_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Leads the marketing tool puts at the opportunity or customer stage but that no deal is linked to.
CREATE TABLE core_unmatched_lead (
  tenant           VARCHAR(64)  NOT NULL,
  lead_key         VARCHAR(320) NOT NULL,
  reason           VARCHAR(32)  NOT NULL,
  lifecycle_stage  VARCHAR(100),
  PRIMARY KEY (tenant, lead_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
