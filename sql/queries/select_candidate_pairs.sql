-- Candidate pairs (earlier doc_seq, later doc_seq) for the batch: stored documents and earlier
-- batch documents sharing at least $min_shared_bands band keys with a batch document, at most
-- $max_candidates per batch document (those sharing the most bands, i.e. the most similar).
-- The cap keeps text shared by thousands of documents from making the candidate set quadratic.
with matches as (
    select new_seq, old_seq from band_matches
    union all
    select n.doc_seq as new_seq, m.doc_seq as old_seq
    from batch_bands as n
    join batch_bands as m on m.band_key = n.band_key and m.doc_seq < n.doc_seq
),

shared as (
    select new_seq, old_seq, count(*) as shared_bands
    from matches
    group by all
    having count(*) >= $min_shared_bands
)

select old_seq, new_seq
from shared
qualify
    row_number() over (partition by new_seq order by shared_bands desc, old_seq)
    <= $max_candidates
order by all
