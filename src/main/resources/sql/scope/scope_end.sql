-- The scope and the deals' copy are the night's working rows: emptied in the same transaction.
DELETE FROM reconcile_scope_record WHERE tenant = :tenant;

DELETE FROM reconcile_scope_lead WHERE tenant = :tenant;

DELETE FROM reconcile_prev_deal WHERE tenant = :tenant;

DELETE FROM reconcile_prev_touch WHERE tenant = :tenant;
