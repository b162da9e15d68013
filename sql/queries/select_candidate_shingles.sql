-- Exact shingle sets of the stored documents in borderline candidate pairs (temp table
-- shingle_seqs). A semi-join on doc_seq reads the blob column only for matching rows.
select doc_seq, shingles
from document_signatures
where doc_seq in (select doc_seq from shingle_seqs)
  and shingles is not null
