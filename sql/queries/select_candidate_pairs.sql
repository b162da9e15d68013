-- Documents sharing LSH band keys with a batch document (batch included), at most
-- $max_candidates per batch document: those sharing the most bands, i.e. the most similar.
-- Each unordered pair once, as (smaller id, larger id).
with matches as (
    select n.doc_id, o.doc_id as other_id, count(*) as shared_bands
    from batch_bands as n
    join lsh_bands as o on o.band_key = n.band_key
    where o.doc_id <> n.doc_id
    group by all
),

top_matches as (
    select doc_id, other_id
    from matches
    qualify
        row_number() over (partition by doc_id order by shared_bands desc, other_id)
        <= $max_candidates
)

select distinct least(doc_id, other_id) as doc_a, greatest(doc_id, other_id) as doc_b
from top_matches
order by all
