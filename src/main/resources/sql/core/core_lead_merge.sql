-- Records merged in the source tool (HubSpot "Merged Contact IDs") become members of the survivor's lead:
-- a merged-away contact often stays in staging from an earlier export, and deals may still name its id.
-- Kept as members, not dropped, because the merged record is a real, often earlier, touch of the same person.
-- Survivor: the record whose list names the id. If that survivor was itself merged into another (an old
-- export's row still in staging), the later survivor is used (two steps are followed). An id in several
-- lists goes to the lowest survivor id, for a deterministic result.
DELETE FROM core_lead_merge WHERE tenant = :tenant;
DELETE FROM core_lead_alias WHERE tenant = :tenant;

-- split "101;102;103" (recursive: both databases lack a split function); only non-deleted survivors
INSERT INTO core_lead_merge (tenant, source_name, merged_id, survivor_id)
WITH RECURSIVE ids (tenant, source_name, survivor_id, item, rest) AS (
  SELECT s.tenant, s.source_name, s.record_id,
         SUBSTRING(CONCAT(s.merged_ids, ';'), 1, LOCATE(';', CONCAT(s.merged_ids, ';')) - 1),
         SUBSTRING(CONCAT(s.merged_ids, ';'), LOCATE(';', CONCAT(s.merged_ids, ';')) + 1)
  FROM stg_lead s
  WHERE s.tenant = :tenant AND s.is_deleted = 0 AND s.merged_ids IS NOT NULL
  UNION ALL
  SELECT i.tenant, i.source_name, i.survivor_id, SUBSTRING(i.rest, 1, LOCATE(';', i.rest) - 1),
         SUBSTRING(i.rest, LOCATE(';', i.rest) + 1)
  FROM ids i
  WHERE i.rest <> ''
)
SELECT DISTINCT tenant, source_name, item, survivor_id FROM ids WHERE item <> '' AND item <> survivor_id;

-- merged id -> the survivor's lead (by id: for records still in staging and for deals naming the id)
INSERT INTO core_lead_alias (tenant, alias_kind, alias_key, source_name, survivor_id, lead_key, lead_domain)
SELECT r.tenant, 'record', r.merged_id, r.source_name, r.survivor_id, m.lead_key, m.lead_domain
FROM (
  SELECT p.tenant, p.source_name, p.merged_id, MIN(COALESCE(q.survivor_id, p.survivor_id)) AS survivor_id
  FROM core_lead_merge p
  LEFT JOIN core_lead_merge q ON q.tenant = p.tenant AND q.source_name = p.source_name AND q.merged_id = p.survivor_id
  WHERE p.tenant = :tenant
  GROUP BY p.tenant, p.source_name, p.merged_id
) r
LEFT JOIN core_lead_member m ON m.tenant = r.tenant AND m.source_name = r.source_name AND m.record_id = r.survivor_id
WHERE m.lead_key IS NOT NULL AND r.survivor_id <> r.merged_id;

-- a merged-away record's e-mail -> the survivor's lead: the same address in another tool, or on a deal,
-- is the same person
INSERT INTO core_lead_alias (tenant, alias_kind, alias_key, source_name, survivor_id, lead_key, lead_domain)
SELECT e.tenant, 'email', e.ident_key, e.source_name, e.survivor_id, e.lead_key, e.lead_domain
FROM (
  SELECT a.tenant, m.ident_key, a.source_name, a.survivor_id, a.lead_key, a.lead_domain,
         ROW_NUMBER() OVER (PARTITION BY m.ident_key ORDER BY a.lead_key, a.source_name, a.survivor_id) AS rn
  FROM core_lead_alias a
  JOIN core_lead_member m ON m.tenant = a.tenant AND m.source_name = a.source_name AND m.record_id = a.alias_key
  WHERE a.tenant = :tenant AND a.alias_kind = 'record' AND m.ident_key IS NOT NULL AND m.ident_key <> a.lead_key
) e
WHERE e.rn = 1;

-- re-key, driven from the (small) alias table: an upsert by primary key is the portable UPDATE ... JOIN.
-- First every record with a merged-away address (its lead_key is still that address). The index hint (H2 and
-- MariaDB both take it) keeps MariaDB off the tenant prefix of the primary key under stale statistics...
INSERT INTO core_lead_member (tenant, source_name, record_id, lead_key, created_at, ident_key, lead_domain, member_via)
SELECT m.tenant, m.source_name, m.record_id, a.lead_key, m.created_at, m.ident_key, a.lead_domain, 'merge'
FROM core_lead_alias a
LEFT JOIN core_lead_member m USE INDEX (core_lead_member_lead_idx) ON m.tenant = a.tenant AND m.lead_key = a.alias_key
WHERE a.tenant = :tenant AND a.alias_kind = 'email' AND m.record_id IS NOT NULL
ON DUPLICATE KEY UPDATE lead_key = VALUES(lead_key), lead_domain = VALUES(lead_domain), member_via = VALUES(member_via);

-- ...then the merged-away records themselves (also those without an e-mail)
INSERT INTO core_lead_member (tenant, source_name, record_id, lead_key, created_at, ident_key, lead_domain, member_via)
SELECT m.tenant, m.source_name, m.record_id, a.lead_key, m.created_at, m.ident_key, a.lead_domain, 'merge'
FROM core_lead_alias a
LEFT JOIN core_lead_member m ON m.tenant = a.tenant AND m.source_name = a.source_name AND m.record_id = a.alias_key
WHERE a.tenant = :tenant AND a.alias_kind = 'record' AND m.record_id IS NOT NULL
ON DUPLICATE KEY UPDATE lead_key = VALUES(lead_key), lead_domain = VALUES(lead_domain), member_via = VALUES(member_via);
