-- The appendix counts the leads merged from several tools: with this index it reads only those, not every lead.
CREATE INDEX core_lead_merged_idx ON core_lead (tenant, member_count);
