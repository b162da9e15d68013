insert into document_signatures by name
select doc_id, doc_seq, n_shingles, signature, shingles from batch_signatures order by doc_seq
