-- Every file that carried a body is a sighting, new document or exact duplicate alike.
insert into document_sources by name
select
    s.doc_id,
    s.source_path as source,
    s.outlet,
    current_timestamp as seen_at,
    $run_id as run_id
from staged_documents as s
where not exists (
    select 1 from document_sources as x where x.doc_id = s.doc_id and x.source = s.source_path
)
order by s.seq
