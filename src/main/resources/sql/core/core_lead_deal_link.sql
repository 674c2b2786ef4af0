-- Deal -> lead links. The first rule that links a deal wins; every link records how it was made:
--   1. override     1.000  link_override (jobs/link-overrides.csv or rows inserted by hand); wins over everything.
--                          Its lead may be named by lead_key, by "source:record_id" of a lead record, or by an
--                          e-mail address a lead record has; '-' means "no lead" (no later rule is tried).
--   2. explicit_id  1.000  the deal's lead/contact id is a record of exactly one lead (a HubSpot id merged
--                          into another record counts as the survivor's). A deal source with a lead-ref scope
--                          (leadRefSources / leadRefProfile -> deal_lead_ref_source) looks only in those lead
--                          sources; an unscoped one only links an id found in one lead source (integer ids
--                          collide across tools: an id in two sources is ambiguous, not a match).
--                  0.700  ... and the deal's contact e-mail is not the lead's (both present): linked by the id,
--                          but recorded as a conflict (conflict = 'email_contradicts_id', conflict_email)
--   3. email        0.950  the contact's identity e-mail (int_deal_ref) is a lead's, or a merged-away one's
--   4. domain       0.600  the account's company domain (int_account_domain), not free mail, not shared by
--                          several accounts, is a lead's e-mail domain. Of several such leads: the most recent
--                          created on or before the deal's creation day (else its close date), else the
--                          earliest created after it; ties by lead_key.
-- Only non-deleted deals are in int_deal_ref.
DELETE FROM core_lead_deal_link WHERE tenant = :tenant;

INSERT INTO core_lead_deal_link (tenant, source_name, record_id, lead_key, match_method, confidence)
SELECT t.tenant, t.source_name, t.record_id, MIN(t.lead_key), 'override', 1.000
FROM (
  SELECT o.tenant, o.source_name, o.record_id, COALESCE(l.lead_key, m.lead_key, e.lead_key) AS lead_key
  FROM link_override o
  JOIN int_deal_ref r ON r.tenant = o.tenant AND r.source_name = o.source_name AND r.record_id = o.record_id
  LEFT JOIN int_lead_domain l ON l.tenant = o.tenant AND l.lead_key = o.lead_key
       AND l.domain = CASE WHEN LOCATE('@', o.lead_key) > 0 THEN SUBSTRING(o.lead_key, LOCATE('@', o.lead_key) + 1) ELSE '' END
  LEFT JOIN int_lead_member m ON m.tenant = o.tenant
       AND m.source_name = CASE WHEN LOCATE(':', o.lead_key) > 0 THEN LEFT(o.lead_key, LOCATE(':', o.lead_key) - 1) END
       AND m.record_id = SUBSTRING(o.lead_key, LOCATE(':', o.lead_key) + 1)
  LEFT JOIN stg_lead s ON s.tenant = o.tenant AND s.email_norm = LOWER(TRIM(o.lead_key)) AND s.is_deleted = 0
  LEFT JOIN int_lead_member e ON e.tenant = s.tenant AND e.source_name = s.source_name AND e.record_id = s.record_id
  WHERE o.tenant = :tenant AND o.lead_key <> '-'
) t
WHERE t.lead_key IS NOT NULL
GROUP BY t.tenant, t.source_name, t.record_id;

INSERT INTO core_lead_deal_link (tenant, source_name, record_id, lead_key, match_method, confidence)
SELECT r.tenant, r.source_name, r.record_id, MIN(m.lead_key), 'explicit_id', 1.000
FROM int_deal_ref r
JOIN int_lead_member m ON m.tenant = r.tenant AND m.record_id = r.lead_ref
LEFT JOIN deal_lead_ref_source g ON g.tenant = r.tenant AND g.deal_source = r.source_name AND g.lead_source = m.source_name
WHERE r.tenant = :tenant AND r.lead_ref IS NOT NULL
  AND (r.ref_scoped = 0 OR g.lead_source IS NOT NULL)
  AND NOT EXISTS (SELECT 1 FROM link_override o
                  WHERE o.tenant = r.tenant AND o.source_name = r.source_name AND o.record_id = r.record_id)
GROUP BY r.tenant, r.source_name, r.record_id, r.ref_scoped
HAVING COUNT(DISTINCT m.lead_key) = 1 AND (r.ref_scoped = 1 OR COUNT(DISTINCT m.source_name) = 1);

-- an id merged away before its record was ever loaded: only the survivor's list knows it
-- (LEFT JOIN + HAVING, not WHERE, so the deals stay the outer side on MariaDB too)
INSERT INTO core_lead_deal_link (tenant, source_name, record_id, lead_key, match_method, confidence)
SELECT r.tenant, r.source_name, r.record_id, MIN(a.lead_key), 'explicit_id', 1.000
FROM int_deal_ref r
LEFT JOIN int_lead_alias a ON a.tenant = r.tenant AND a.alias_kind = 'record' AND a.alias_key = r.lead_ref
LEFT JOIN deal_lead_ref_source g ON g.tenant = r.tenant AND g.deal_source = r.source_name AND g.lead_source = a.source_name
WHERE r.tenant = :tenant AND r.lead_ref IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM link_override o
                  WHERE o.tenant = r.tenant AND o.source_name = r.source_name AND o.record_id = r.record_id)
  AND NOT EXISTS (SELECT 1 FROM int_lead_member m WHERE m.tenant = r.tenant AND m.record_id = r.lead_ref
                  AND (r.ref_scoped = 0 OR EXISTS (SELECT 1 FROM deal_lead_ref_source h WHERE h.tenant = r.tenant
                                                   AND h.deal_source = r.source_name AND h.lead_source = m.source_name)))
GROUP BY r.tenant, r.source_name, r.record_id, r.ref_scoped
HAVING COUNT(DISTINCT CASE WHEN r.ref_scoped = 0 OR g.lead_source IS NOT NULL THEN a.lead_key END) = 1
   AND (r.ref_scoped = 1 OR COUNT(DISTINCT a.source_name) = 1);

-- the explicit id's lead contradicts the deal's contact e-mail: no record of the lead has that identity
-- e-mail (nor had it before a merge) while one has another. Re-keyed by primary key (portable UPDATE ... JOIN).
-- LEFT JOINs + HAVING, not [NOT] EXISTS: the links stay the outer side and probe the lead's records and the
-- merged-away addresses by index, whatever the (stale, mid-transaction) statistics say; with EXISTS, MariaDB chose
-- a plan that took minutes at 200,000 leads. Grouped in a derived table: MySQL's ON DUPLICATE KEY UPDATE may not
-- name a grouped SELECT's columns.
INSERT INTO core_lead_deal_link (tenant, source_name, record_id, lead_key, match_method, confidence, conflict,
                                 conflict_email)
SELECT c.tenant, c.source_name, c.record_id, c.lead_key, c.match_method, 0.700, 'email_contradicts_id', c.ident_key
FROM (
  SELECT k.tenant, k.source_name, k.record_id, k.lead_key, k.match_method, r.ident_key
  FROM core_lead_deal_link k
  JOIN int_deal_ref r ON r.tenant = k.tenant AND r.source_name = k.source_name AND r.record_id = k.record_id
  LEFT JOIN int_lead_member m ON m.tenant = k.tenant AND m.lead_key = k.lead_key
  LEFT JOIN int_lead_alias a ON a.tenant = k.tenant AND a.alias_kind = 'email' AND a.alias_key = r.ident_key
       AND a.lead_key = k.lead_key
  WHERE k.tenant = :tenant AND k.match_method = 'explicit_id' AND r.ident_key IS NOT NULL
  GROUP BY k.tenant, k.source_name, k.record_id, k.lead_key, k.match_method, r.ident_key
  HAVING COUNT(m.ident_key) > 0
     AND SUM(CASE WHEN m.ident_key = r.ident_key THEN 1 ELSE 0 END) = 0
     AND COUNT(a.alias_key) = 0
) c
ON DUPLICATE KEY UPDATE confidence = VALUES(confidence), conflict = VALUES(conflict),
                        conflict_email = VALUES(conflict_email);

-- a merged-away address stands for the survivor's lead (the join stays on int_lead_domain's whole key)
INSERT INTO core_lead_deal_link (tenant, source_name, record_id, lead_key, match_method, confidence)
SELECT r.tenant, r.source_name, r.record_id, l.lead_key, 'email', 0.950
FROM int_deal_ref r
LEFT JOIN int_lead_alias a ON a.tenant = r.tenant AND a.alias_kind = 'email' AND a.alias_key = r.ident_key
JOIN int_lead_domain l ON l.tenant = r.tenant
     AND l.domain = CASE WHEN a.lead_key IS NULL THEN r.email_domain ELSE COALESCE(a.lead_domain, '') END
     AND l.lead_key = COALESCE(a.lead_key, r.ident_key)
WHERE r.tenant = :tenant AND r.ident_key IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM link_override o
                  WHERE o.tenant = r.tenant AND o.source_name = r.source_name AND o.record_id = r.record_id)
  AND NOT EXISTS (SELECT 1 FROM core_lead_deal_link k
                  WHERE k.tenant = r.tenant AND k.source_name = r.source_name AND k.record_id = r.record_id);

-- LEFT JOINs inside a derived table that has a window: the deals stay outer, each probes its account's domain
-- and that domain's leads by primary key (int_lead_domain), whatever the (stale) statistics say
INSERT INTO core_lead_deal_link (tenant, source_name, record_id, lead_key, match_method, confidence)
SELECT z.tenant, z.source_name, z.record_id, z.lead_key, 'domain', 0.600
FROM (
  SELECT r.tenant, r.source_name, r.record_id, l.lead_key,
         ROW_NUMBER() OVER (PARTITION BY r.source_name, r.record_id
                            ORDER BY CASE WHEN CAST(l.created_at AS DATE) <= r.deal_date THEN 0 ELSE 1 END,
                                     CASE WHEN CAST(l.created_at AS DATE) <= r.deal_date THEN l.created_at END DESC,
                                     l.created_at, l.lead_key) AS rn
  FROM int_deal_ref r
  LEFT JOIN int_account_domain a ON a.tenant = r.tenant AND a.account_key = r.account_key
  LEFT JOIN int_lead_domain l ON l.tenant = a.tenant AND l.domain = a.domain
  WHERE r.tenant = :tenant
    AND NOT EXISTS (SELECT 1 FROM link_override o
                    WHERE o.tenant = r.tenant AND o.source_name = r.source_name AND o.record_id = r.record_id)
    AND NOT EXISTS (SELECT 1 FROM core_lead_deal_link k
                    WHERE k.tenant = r.tenant AND k.source_name = r.source_name AND k.record_id = r.record_id)
    AND NOT EXISTS (SELECT 1 FROM core_ambiguous_domain g WHERE g.tenant = a.tenant AND g.domain = a.domain)
) z
WHERE z.rn = 1 AND z.lead_key IS NOT NULL;
