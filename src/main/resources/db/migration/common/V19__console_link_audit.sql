-- Links an analyst sets in the operations console (origin 'console'): who set the row and when, and every link or
-- "no lead" given there, kept as an audit that outlives the row (a later file override or link replaces the row).
ALTER TABLE link_override ADD COLUMN set_by VARCHAR(100);
ALTER TABLE link_override ADD COLUMN set_at DATETIME;

CREATE TABLE link_override_audit (
  id           BIGINT        NOT NULL AUTO_INCREMENT,
  tenant       VARCHAR(64)   NOT NULL,
  source_name  VARCHAR(64)   NOT NULL,
  record_id    VARCHAR(128)  NOT NULL,
  lead_key     VARCHAR(320)  NOT NULL,
  previous_key VARCHAR(320),
  note         VARCHAR(500),
  set_by       VARCHAR(100)  NOT NULL,
  set_at       DATETIME      NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX link_override_audit_deal_idx ON link_override_audit (tenant, source_name, record_id);
