-- No query reads stg_lead by e-mail (the reconcile scans a tenant's staging rows once, set-based), and the
-- index made every staged lead cost a second B-tree insert: about a third of the import's database time.
DROP INDEX stg_lead_email_idx ON stg_lead;
