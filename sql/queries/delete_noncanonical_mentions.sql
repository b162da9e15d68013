-- Mentions of documents that are no longer the canonical copy of their story (a fuller copy
-- arrived, or two stories merged): the new canonical is coded instead, so a story's events
-- are counted once.
delete from event_mentions as m
where m.coder_version = $coder_version
  and not exists (
      select 1 from document_clusters as c where c.doc_id = m.doc_id and c.is_canonical
  )
