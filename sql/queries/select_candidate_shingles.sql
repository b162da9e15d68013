-- Exact shingle sets of the stored documents in borderline candidate pairs (temp table
-- shingle_seqs), NULL for rows clustered before migration 008 (the caller skips those). A
-- semi-join on doc_seq that the doc_seq index answers (migration 015), reading the blob column
-- only for matching rows; a filter on the blob itself (`shingles is not null`) made DuckDB
-- read that column for every row of the table (671 ms per batch at 1M documents).
select doc_seq, shingles
from document_signatures
where doc_seq in (select doc_seq from shingle_seqs)
