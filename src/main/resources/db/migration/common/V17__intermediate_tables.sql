-- The reconcile's helper tables are intermediate models, named as dbt names that layer (staging -> intermediate
-- -> core -> marts): int_*. A rename keeps the rows, the primary keys and the indexes; the two secondary indexes
-- are created again under the new names (int_lead_member.sql names its index in a hint; DROP INDEX ... ON and
-- CREATE INDEX are spelled the same on H2 and MariaDB, an index rename is not). The tables are rebuilt by every
-- reconcile, so their size is that of one night's work.
ALTER TABLE core_lead_member RENAME TO int_lead_member;
ALTER TABLE core_lead_merge RENAME TO int_lead_merge;
ALTER TABLE core_lead_alias RENAME TO int_lead_alias;
ALTER TABLE core_lead_domain RENAME TO int_lead_domain;
ALTER TABLE core_deal_ref RENAME TO int_deal_ref;
ALTER TABLE core_account_domain RENAME TO int_account_domain;

-- dropped first: MariaDB warns of a duplicate index while both exist
DROP INDEX core_lead_member_lead_idx ON int_lead_member;
CREATE INDEX int_lead_member_lead_idx ON int_lead_member (tenant, lead_key);
DROP INDEX core_account_domain_idx ON int_account_domain;
CREATE INDEX int_account_domain_idx ON int_account_domain (tenant, domain);
