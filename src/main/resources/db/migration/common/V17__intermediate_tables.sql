-- The reconcile's helper tables are intermediate models, named as dbt names that layer (staging -> intermediate
-- -> core -> marts): int_*. A rename keeps the rows, the primary keys and the secondary indexes (whose names
-- still say core_: an index rename is spelled differently on H2 and MariaDB, and no query names them).
ALTER TABLE core_lead_member RENAME TO int_lead_member;
ALTER TABLE core_lead_merge RENAME TO int_lead_merge;
ALTER TABLE core_lead_alias RENAME TO int_lead_alias;
ALTER TABLE core_lead_domain RENAME TO int_lead_domain;
ALTER TABLE core_deal_ref RENAME TO int_deal_ref;
ALTER TABLE core_account_domain RENAME TO int_account_domain;
