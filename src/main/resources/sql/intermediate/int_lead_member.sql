-- Source lead records -> the person they belong to: the same identity e-mail = the same lead (the identity
-- rules: sql/macros/identity.sql). lead_key = ident_key, or "source:id" for a record without an e-mail (a lead of
-- its own); deleted records drop out. A merged-away record, and every record with a merged-away address, belongs
-- to the survivor's lead (int_lead_alias; the record alias wins): member_via says why a record is in its lead
-- ('email', 'record' = no e-mail, 'merge').
DELETE FROM int_lead_member WHERE tenant = :tenant
  AND {{ in_record_scope(int_lead_member.source_name, int_lead_member.record_id) }};

INSERT INTO int_lead_member (tenant, source_name, record_id, lead_key, created_at, ident_key, lead_domain, member_via,
                             row_hash)
SELECT z.tenant, z.source_name, z.record_id, COALESCE(z.ident_key, CONCAT(z.source_name, ':', z.record_id)),
       z.created_at, z.ident_key, z.ident_domain, CASE WHEN z.ident_key IS NULL THEN 'record' ELSE 'email' END,
       z.row_hash
FROM (
  SELECT y.tenant, y.source_name, y.record_id, y.created_at, y.row_hash,
         {{ ident_key(y.email_norm, y.loc, y.dom) }} AS ident_key,
         {{ ident_domain(y.email_norm, y.dom) }} AS ident_domain
  FROM (
    SELECT x.tenant, x.source_name, x.record_id, x.created_at, x.email_norm, x.row_hash,
           {{ ident_local(x.local_part) }} AS loc,
           COALESCE(a.canonical, x.domain) AS dom
    FROM (
      SELECT s.tenant, s.source_name, s.record_id, s.created_at, s.email_norm, {{ lead_row_hash(s) }} AS row_hash,
             LEFT(s.email_norm, LOCATE('@', s.email_norm) - 1) AS local_part,
             SUBSTRING(s.email_norm, LOCATE('@', s.email_norm) + 1) AS domain
      FROM stg_lead s
      WHERE s.tenant = :tenant AND s.is_deleted = 0 AND {{ in_record_scope(s.source_name, s.record_id) }}
    ) x
    -- a LEFT JOIN keeps the big side outer on H2 as on MariaDB: one primary-key probe per record
    LEFT JOIN identity_domain_alias a ON a.tenant = x.tenant AND a.domain = x.domain
  ) y
) z;

-- The merges, applied to this model's own rows: re-keyed by primary key, driven from the (small) alias table (an
-- upsert is the portable UPDATE ... JOIN). Not LEFT JOINed into the pass above: two alias probes for every record
-- cost that statement about 40 % more CPU on MariaDB (200,000 leads: 3.1-3.5 s -> 4.1-4.6 s), where these two
-- statements touch only the merged records.
-- First every record with a merged-away address (its lead_key is still that address). The index hint (H2 and
-- MariaDB both take it) keeps MariaDB off the tenant prefix of the primary key under stale statistics...
INSERT INTO int_lead_member (tenant, source_name, record_id, lead_key, created_at, ident_key, lead_domain, member_via)
SELECT m.tenant, m.source_name, m.record_id, a.lead_key, m.created_at, m.ident_key, a.lead_domain, 'merge'
FROM int_lead_alias a
LEFT JOIN int_lead_member m USE INDEX (int_lead_member_lead_idx) ON m.tenant = a.tenant AND m.lead_key = a.alias_key
WHERE a.tenant = :tenant AND a.alias_kind = 'email' AND m.record_id IS NOT NULL
  AND {{ in_record_scope(m.source_name, m.record_id) }}
ON DUPLICATE KEY UPDATE lead_key = VALUES(lead_key), lead_domain = VALUES(lead_domain), member_via = VALUES(member_via);

-- ...then the merged-away records themselves (also those without an e-mail)
INSERT INTO int_lead_member (tenant, source_name, record_id, lead_key, created_at, ident_key, lead_domain, member_via)
SELECT m.tenant, m.source_name, m.record_id, a.lead_key, m.created_at, m.ident_key, a.lead_domain, 'merge'
FROM int_lead_alias a
LEFT JOIN int_lead_member m ON m.tenant = a.tenant AND m.source_name = a.source_name AND m.record_id = a.alias_key
WHERE a.tenant = :tenant AND a.alias_kind = 'record' AND m.record_id IS NOT NULL
  AND {{ in_record_scope(m.source_name, m.record_id) }}
ON DUPLICATE KEY UPDATE lead_key = VALUES(lead_key), lead_domain = VALUES(lead_domain), member_via = VALUES(member_via);
