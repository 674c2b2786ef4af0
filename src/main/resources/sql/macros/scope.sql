-- The scope of an incremental night (Reconciler): the models keyed by lead record or by lead recompute only the keys
-- in reconcile_scope_record / reconcile_scope_lead, deleting and inserting exactly those keys. A full rebuild loads
-- these macros as "1 = 1" (SqlMacros.unscoped()), so one script serves both. A whole lead is always in or out of the
-- scope, so the window functions partitioned by lead see all its rows either way.
-- lead_row_hash(t) is not here: it names the staging columns, which differ per server (ReconcileInputs.rowHash).

{% macro in_lead_scope(lead_key) %}
{{ lead_key }} IN (SELECT z.lead_key FROM reconcile_scope_lead z WHERE z.tenant = :tenant)
{% endmacro %}

{% macro in_record_scope(source_name, record_id) %}
EXISTS (SELECT 1 FROM reconcile_scope_record z WHERE z.tenant = :tenant AND z.source_name = {{ source_name }} AND z.record_id = {{ record_id }})
{% endmacro %}

-- A placeholder: the Reconciler replaces it with the server's hash of a stg_lead row (ReconcileInputs.rowHash); left
-- as it is, the statement fails on an unknown function rather than writing a hash that means nothing.
{% macro lead_row_hash(t) %}
lead_row_hash_is_set_by_the_reconciler({{ t }}.record_id)
{% endmacro %}
