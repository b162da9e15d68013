-- Events losing the mentions of documents that are no longer canonical (temp table
-- `noncanonical_documents`; runs before delete_noncanonical_mentions.sql).
insert into event_refresh_queue (seq, coder_version, event_id)
select distinct $seq as seq, $coder_version, m.event_id
from event_mentions as m
where m.coder_version = $coder_version
  and m.doc_seq in (select doc_seq from noncanonical_documents)
order by m.event_id
