-- Stored documents a later stage (dedup) set aside: one quarantine row per (document,
-- reason), under the path the document was first stored from.
insert into quarantine by name
select
    d.source_path as path,
    f.reason,
    f.detail,
    null::bigint as size_bytes,
    null::bigint as mtime_ns,
    null as sha256,
    current_timestamp as first_seen_at,
    $run_id as run_id,
    f.stage,
    f.doc_id
from batch_failures as f
join documents as d on d.doc_id = f.doc_id
where not exists (
    select 1 from quarantine as x where x.doc_id = f.doc_id and x.reason = f.reason
)
order by d.doc_seq
