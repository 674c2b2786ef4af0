-- Records merged in the source tool (HubSpot "Merged Contact IDs") become members of the survivor's lead:
-- a merged-away contact often stays in staging from an earlier export, and deals may still name its id.
-- Kept as members, not dropped, because the merged record is a real, often earlier, touch of the same person.
-- This table says what a merged-away record stands for: alias_kind 'record' (alias_key = its id, for deals that
-- still reference it and for the record itself) or 'email' (alias_key = its identity e-mail, for records and deals
-- with that address). lead_key and lead_domain are the survivor's own (its identity e-mail, or "source:id"),
-- computed here from staging with the identity macros: int_lead_member, built next, applies the aliases to its rows.
-- Survivor: the record whose list names the id. If that survivor was itself merged into another (an old
-- export's row still in staging), the later survivor is used (two steps are followed). An id in several
-- lists goes to the lowest survivor id, for a deterministic result.
DELETE FROM int_lead_alias WHERE tenant = :tenant;

-- merged id -> the survivor's lead (by id: for records still in staging and for deals naming the id); only a
-- survivor that is a (non-deleted) record. The merges are the small, outer side: one staging probe by primary key each.
INSERT INTO int_lead_alias (tenant, alias_kind, alias_key, source_name, survivor_id, lead_key, lead_domain)
SELECT y.tenant, 'record', y.merged_id, y.source_name, y.survivor_id,
       COALESCE({{ ident_key(y.email_norm, y.loc, y.dom) }}, CONCAT(y.source_name, ':', y.survivor_id)),
       {{ ident_domain(y.email_norm, y.dom) }}
FROM (
  SELECT x.tenant, x.source_name, x.merged_id, x.survivor_id, x.email_norm,
         {{ ident_local(x.local_part) }} AS loc, COALESCE(a.canonical, x.domain) AS dom
  FROM (
    SELECT r.tenant, r.source_name, r.merged_id, r.survivor_id, s.email_norm,
           LEFT(s.email_norm, LOCATE('@', s.email_norm) - 1) AS local_part,
           SUBSTRING(s.email_norm, LOCATE('@', s.email_norm) + 1) AS domain
    FROM (
      SELECT p.tenant, p.source_name, p.merged_id, MIN(COALESCE(q.survivor_id, p.survivor_id)) AS survivor_id
      FROM int_lead_merge p
      LEFT JOIN int_lead_merge q ON q.tenant = p.tenant AND q.source_name = p.source_name AND q.merged_id = p.survivor_id
      WHERE p.tenant = :tenant
      GROUP BY p.tenant, p.source_name, p.merged_id
    ) r
    LEFT JOIN stg_lead s ON s.tenant = r.tenant AND s.source_name = r.source_name AND s.record_id = r.survivor_id
         AND s.is_deleted = 0
    WHERE s.record_id IS NOT NULL AND r.survivor_id <> r.merged_id
  ) x
  LEFT JOIN identity_domain_alias a ON a.tenant = x.tenant AND a.domain = x.domain
) y;

-- a merged-away record's e-mail -> the survivor's lead: the same address in another tool, or on a deal,
-- is the same person (not when it is the survivor's own key; one survivor per address)
INSERT INTO int_lead_alias (tenant, alias_kind, alias_key, source_name, survivor_id, lead_key, lead_domain)
SELECT e.tenant, 'email', e.ident_key, e.source_name, e.survivor_id, e.lead_key, e.lead_domain
FROM (
  SELECT z.tenant, z.ident_key, z.source_name, z.survivor_id, z.lead_key, z.lead_domain,
         ROW_NUMBER() OVER (PARTITION BY z.ident_key ORDER BY z.lead_key, z.source_name, z.survivor_id) AS rn
  FROM (
    SELECT y.tenant, y.source_name, y.survivor_id, y.lead_key, y.lead_domain,
           {{ ident_key(y.email_norm, y.loc, y.dom) }} AS ident_key
    FROM (
      SELECT x.tenant, x.source_name, x.survivor_id, x.lead_key, x.lead_domain, x.email_norm,
             {{ ident_local(x.local_part) }} AS loc, COALESCE(d.canonical, x.domain) AS dom
      FROM (
        SELECT a.tenant, a.source_name, a.survivor_id, a.lead_key, a.lead_domain, s.email_norm,
               LEFT(s.email_norm, LOCATE('@', s.email_norm) - 1) AS local_part,
               SUBSTRING(s.email_norm, LOCATE('@', s.email_norm) + 1) AS domain
        FROM int_lead_alias a
        JOIN stg_lead s ON s.tenant = a.tenant AND s.source_name = a.source_name AND s.record_id = a.alias_key
             AND s.is_deleted = 0
        WHERE a.tenant = :tenant AND a.alias_kind = 'record' AND s.email_norm IS NOT NULL
      ) x
      LEFT JOIN identity_domain_alias d ON d.tenant = x.tenant AND d.domain = x.domain
    ) y
  ) z
  WHERE z.ident_key <> z.lead_key
) e
WHERE e.rn = 1;
