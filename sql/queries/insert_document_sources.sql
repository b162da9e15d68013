-- Every file that carried a body is a sighting, new document or exact duplicate alike. The
-- sightings already stored are looked up by the doc_seqs of the batch's known bodies (a new
-- body has none), a few keys the doc_seq index answers (migration 015), not by a join with
-- every stored sighting.
insert into document_sources by name
with stored as (
    select x.doc_seq, x.source
    from document_sources as x
    where x.doc_seq in (select doc_seq from staged_documents where not is_new)
)

select
    s.doc_id,
    s.doc_seq,
    s.source_path as source,
    s.outlet,
    current_timestamp as seen_at,
    $run_id as run_id
from staged_documents as s
where not exists (
    select 1 from stored as x where x.doc_seq = s.doc_seq and x.source = s.source_path
)
order by s.seq
