-- Signatures of the members of the clusters a batch touches (temp table member_seqs; the
-- store's in-memory membership map finds them). A semi-join on doc_seq reads the blob column
-- only for matching rows.
select doc_seq, doc_id, n_shingles, signature
from document_signatures
where doc_seq in (select doc_seq from member_seqs)
order by doc_seq
