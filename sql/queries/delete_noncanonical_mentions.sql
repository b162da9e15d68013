-- Mentions of documents that are no longer the canonical copy of their story (a fuller copy
-- arrived, or two stories merged; temp table `noncanonical_documents`): the new canonical is
-- coded instead, so a story's events are counted once.
delete from event_mentions
where coder_version = $coder_version
  and doc_seq in (select doc_seq from noncanonical_documents)
