-- A batch replaces whatever this coder version held for its documents (a rerun writes the
-- same rows again, never twice).
delete from event_mentions
where coder_version = $coder_version
  and doc_seq in (select doc_seq from batch_doc_seqs)
