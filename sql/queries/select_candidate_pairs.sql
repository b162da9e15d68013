-- Candidate pairs (earlier doc_seq, later doc_seq) for the batch, at most $max_candidates per
-- batch document (those sharing the most bands, i.e. the most similar). `shared_bands` is the
-- registered Arrow table the band-key index lookup made (wirewatch/dedup/bandindex.py): every pair of a
-- batch document and a stored or earlier batch document sharing at least min_shared_bands band
-- keys, with the count. The cap keeps text shared by thousands of documents from making the
-- candidate set quadratic.
select old_seq, new_seq
from shared_bands
qualify
    row_number() over (partition by new_seq order by n_shared desc, old_seq)
    <= $max_candidates
order by all
