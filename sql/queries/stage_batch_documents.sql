-- A document is new when no earlier batch stored its body and it is the first file with that
-- body in this batch (scan order), so reruns pick the same source_path as a clean run.
-- doc_seq: the stored document's, or for a new body the next numbers in scan order (every
-- file with that body in the batch gets it), so the sightings carry it without a lookup.
create or replace temp table staged_documents as
with flagged as (
    select
        d.*,
        stored.doc_seq as stored_seq,
        row_number() over (partition by d.doc_id order by d.seq) = 1
            and stored.doc_id is null as is_new
    from batch_documents as d
    left join documents as stored on stored.doc_id = d.doc_id
),

numbered as (
    select
        *,
        case when is_new then
            (select coalesce(max(doc_seq), 0) from documents)
            + count(*) filter (where is_new) over (order by seq rows unbounded preceding)
        end as new_seq
    from flagged
)

select
    * exclude (stored_seq, new_seq),
    coalesce(stored_seq, max(new_seq) over (partition by doc_id)) as doc_seq
from numbered
