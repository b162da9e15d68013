-- Events losing the mentions of documents that are no longer canonical (runs before
-- delete_noncanonical_mentions.sql, with the same condition).
insert into event_refresh_queue (seq, coder_version, event_id)
select distinct $seq as seq, $coder_version, m.event_id
from event_mentions as m
where m.coder_version = $coder_version
  and not exists (
      select 1 from document_clusters as c where c.doc_id = m.doc_id and c.is_canonical
  )
order by m.event_id
