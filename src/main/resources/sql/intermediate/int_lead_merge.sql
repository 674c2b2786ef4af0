-- HubSpot merges as exported ("Merged Contact IDs"): the survivor lists the ids merged into it, one row per
-- (merged id, survivor). Only non-deleted survivors. int_lead_alias.sql says what each merged id stands for.
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
