insert into quarantine by name
select
    q.path, q.reason, q.detail, q.size as size_bytes, q.mtime_ns, q.sha256,
    current_timestamp as first_seen_at,
    $run_id as run_id,
    q.stage,
    null::varchar as doc_id  -- a file's row; stored documents set aside: insert_document_quarantine.sql
from batch_quarantine as q
where not exists (
    select 1 from quarantine as x
    where x.path = q.path
      and x.reason = q.reason
      and coalesce(x.sha256, '') = coalesce(q.sha256, '')
      and x.doc_id is null
)
order by q.seq
