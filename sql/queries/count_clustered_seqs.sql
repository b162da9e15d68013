-- How many of the documents in `batch_seqs` already have a signature: another worker of a
-- shared (DuckLake) store clustered them after this one read them as pending.
select count(*) from document_signatures where doc_seq in (select doc_seq from batch_seqs)
