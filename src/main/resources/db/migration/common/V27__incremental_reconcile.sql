-- The incremental reconcile (Reconciler): a night whose settings are unchanged recomputes only the lead records and
-- leads its changes reach, and the deal side whole.
-- row_hash: the content of the staging row a member was built from (the columns the reconcile reads), so the next
-- night finds the records that changed, appeared or went without a before-image of staging.
ALTER TABLE int_lead_member ADD COLUMN row_hash VARCHAR(64);

-- The night's scope: the lead records whose int_lead_member rows, and the leads whose rows in every lead-keyed
-- table, are deleted and written again. Filled and emptied inside the reconcile's transaction.
CREATE TABLE reconcile_scope_record (
  tenant       VARCHAR(64)   NOT NULL,
  source_name  VARCHAR(64)   NOT NULL,
  record_id    VARCHAR(128)  NOT NULL,
  PRIMARY KEY (tenant, source_name, record_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE reconcile_scope_lead (
  tenant       VARCHAR(64)   NOT NULL,
  lead_key     VARCHAR(320)  NOT NULL,
  PRIMARY KEY (tenant, lead_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The deals as the last night left them, while tonight's are written: the leads whose deals differ join the
-- scope. The same columns as core_deal.
CREATE TABLE reconcile_prev_deal AS SELECT * FROM core_deal WHERE 1 = 0;
CREATE INDEX reconcile_prev_deal_idx ON reconcile_prev_deal (tenant);
