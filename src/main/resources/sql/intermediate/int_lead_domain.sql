-- Every lead once, by the domain of its key and the key ('' for a lead without e-mail), with its earliest
-- record's creation: the table the link rules look leads up in, always by primary key. A GROUP BY over the
-- final members (after merges), not core_lead, which computes far more and is built after the links.
-- All members of a lead share its lead_domain. Inserted in key order: a sort is cheaper than random inserts.
DELETE FROM int_lead_domain WHERE tenant = :tenant AND {{ in_lead_scope(int_lead_domain.lead_key) }};

INSERT INTO int_lead_domain (tenant, domain, lead_key, created_at)
SELECT m.tenant, COALESCE(MAX(m.lead_domain), ''), m.lead_key, MIN(m.created_at)
FROM int_lead_member m
WHERE m.tenant = :tenant AND {{ in_lead_scope(m.lead_key) }}
GROUP BY m.tenant, m.lead_key
ORDER BY 2, 3;
