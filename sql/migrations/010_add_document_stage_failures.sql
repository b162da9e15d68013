-- A document that makes a stage raise is quarantined, not fatal (issue 13). The quarantine
-- row names the stage (read, decode, normalise, dedup, coding) and, for a document already
-- stored (dedup, coding), its doc_id. Rows written before this migration get the stage their
-- reason belongs to.
alter table quarantine add column stage varchar;
alter table quarantine add column doc_id varchar;
update quarantine set stage = case
    when reason in ('binary', 'undecodable') then 'decode'
    when reason in ('empty_file', 'no_text') then 'normalise'
    else 'read'
end;
-- Coding records how much of the body it coded (a body longer than the coding cap is cut at
-- a sentence end) and whether it failed: a failed document keeps its row, so this coder
-- version does not try it again every run.
alter table coded_documents add column n_chars_coded bigint;
alter table coded_documents add column coding_error varchar;
