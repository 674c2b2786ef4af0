-- Source lead records -> the person they belong to: the same identity e-mail = the same lead (the identity
-- rules: sql/macros/identity.sql). lead_key = ident_key, or "source:id" for a record without an e-mail (a lead of
-- its own); deleted records drop out. A merged-away record, and every record with a merged-away address, belongs
-- to the survivor's lead (int_lead_alias; the record alias wins): member_via says why a record is in its lead
-- ('email', 'record' = no e-mail, 'merge').
-- One pass over staging: the aliases are LEFT JOINed by primary key at the end (the big side stays outer on H2 as
-- on MariaDB), so no later model re-keys this table.
DELETE FROM int_lead_member WHERE tenant = :tenant;

INSERT INTO int_lead_member (tenant, source_name, record_id, lead_key, created_at, ident_key, lead_domain, member_via)
SELECT z.tenant, z.source_name, z.record_id, COALESCE(r.lead_key, e.lead_key, z.own_key), z.created_at, z.ident_key,
       CASE WHEN r.lead_key IS NOT NULL THEN r.lead_domain WHEN e.lead_key IS NOT NULL THEN e.lead_domain
            ELSE z.ident_domain END,
       CASE WHEN r.lead_key IS NOT NULL OR e.lead_key IS NOT NULL THEN 'merge'
            WHEN z.ident_key IS NULL THEN 'record' ELSE 'email' END
FROM (
  SELECT y.tenant, y.source_name, y.record_id, y.created_at,
         {{ ident_key(y.email_norm, y.loc, y.dom) }} AS ident_key,
         {{ ident_domain(y.email_norm, y.dom) }} AS ident_domain,
         COALESCE({{ ident_key(y.email_norm, y.loc, y.dom) }}, CONCAT(y.source_name, ':', y.record_id)) AS own_key
  FROM (
    SELECT x.tenant, x.source_name, x.record_id, x.created_at, x.email_norm,
           {{ ident_local(x.local_part) }} AS loc,
           COALESCE(a.canonical, x.domain) AS dom
    FROM (
      SELECT s.tenant, s.source_name, s.record_id, s.created_at, s.email_norm,
             LEFT(s.email_norm, LOCATE('@', s.email_norm) - 1) AS local_part,
             SUBSTRING(s.email_norm, LOCATE('@', s.email_norm) + 1) AS domain
      FROM stg_lead s
      WHERE s.tenant = :tenant AND s.is_deleted = 0
    ) x
    -- a LEFT JOIN keeps the big side outer on H2 as on MariaDB: one primary-key probe per record
    LEFT JOIN identity_domain_alias a ON a.tenant = x.tenant AND a.domain = x.domain
  ) y
) z
LEFT JOIN int_lead_alias r ON r.tenant = z.tenant AND r.alias_kind = 'record' AND r.alias_key = z.record_id
     AND r.source_name = z.source_name
LEFT JOIN int_lead_alias e ON e.tenant = z.tenant AND e.alias_kind = 'email' AND e.alias_key = z.own_key;
