-- The identity e-mail: a record's or a deal's e-mail (trimmed, lower case at import) after the tenant's identity
-- rules (jobs/leadledger.yml identity:), applied in the reconcile and not at import so that a changed rule applies
-- on the next run without re-importing. Defined here once; every model that needs it calls these macros
-- ({{ ident_key(...) }} in a script is replaced by the body, {{ name }} in a body by the call's argument):
--   * the domain is replaced by its alias (identity_domain_alias, e.g. acme.co.uk -> acme.com): the caller's
--     LEFT JOIN, whose result it passes as dom;
--   * :stripPlusTags = 1: "jane+webinar@" is "jane@" (not when the address starts with '+'): ident_local;
--   * :gmailDots = 1: at gmail.com / googlemail.com dots in the local part are ignored and the domain is gmail.com.
-- A macro body holds no comments and no ';' (it is pasted into a statement).

{% macro ident_local(local_part) %}
CASE WHEN :stripPlusTags = 1 AND LOCATE('+', {{ local_part }}) > 1
     THEN LEFT({{ local_part }}, LOCATE('+', {{ local_part }}) - 1) ELSE {{ local_part }} END
{% endmacro %}

{% macro ident_key(email_norm, loc, dom) %}
CASE WHEN {{ email_norm }} IS NULL THEN NULL
     WHEN :gmailDots = 1 AND {{ dom }} IN ('gmail.com', 'googlemail.com') THEN CONCAT(REPLACE({{ loc }}, '.', ''), '@gmail.com')
     ELSE CONCAT({{ loc }}, '@', {{ dom }}) END
{% endmacro %}

{% macro ident_domain(email_norm, dom) %}
CASE WHEN {{ email_norm }} IS NULL THEN NULL
     WHEN :gmailDots = 1 AND {{ dom }} = 'googlemail.com' THEN 'gmail.com'
     ELSE {{ dom }} END
{% endmacro %}
