-- What the tenant's last complete reconcile was built from: a night whose inputs have the same fingerprint (and
-- whose as-of day moves no lead across the "never touched" line) keeps the tables as they are. Written in the
-- reconcile's own transaction, so a reconcile that fails leaves the previous night's fingerprint and is repeated.
CREATE TABLE reconcile_state (
  tenant               VARCHAR(64)  NOT NULL,
  settings_hash        VARCHAR(64)  NOT NULL,
  data_hash            VARCHAR(64)  NOT NULL,
  never_touched_before DATETIME     NOT NULL,
  as_of                DATE         NOT NULL,
  run_id               BIGINT,
  reconciled_at        DATETIME     NOT NULL,
  PRIMARY KEY (tenant)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
