-- Merges as the tools record them, one row per (merged id, survivor): HubSpot's survivor lists the ids merged into
-- it ("Merged Contact IDs"); a Salesforce merge loser names its survivor (MasterRecordId, staged as merged_into).
-- Only non-deleted survivors. int_lead_alias.sql says what each merged id stands for.
DELETE FROM int_lead_merge WHERE tenant = :tenant;

-- split "101;102;103" (recursive: both databases lack a split function)
INSERT INTO int_lead_merge (tenant, source_name, merged_id, survivor_id)
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

-- the merged-away records that name their survivor (Salesforce); a pair the survivor's list gave already is kept once
INSERT INTO int_lead_merge (tenant, source_name, merged_id, survivor_id)
SELECT s.tenant, s.source_name, s.record_id, s.merged_into
FROM stg_lead s
WHERE s.tenant = :tenant AND s.merged_into IS NOT NULL AND s.merged_into <> s.record_id
  AND NOT EXISTS (SELECT 1 FROM int_lead_merge m WHERE m.tenant = s.tenant AND m.source_name = s.source_name
                  AND m.merged_id = s.record_id AND m.survivor_id = s.merged_into);
