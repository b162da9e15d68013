-- Signatures of the stored documents in candidate pairs (temp table candidate_seqs), to verify
-- the pairs before any cluster is read: only verified pairs touch clusters. A semi-join on
-- doc_seq reads the blob column only for matching rows.
select doc_seq, n_shingles, signature
from document_signatures
where doc_seq in (select doc_seq from candidate_seqs)
order by doc_seq
