insert into files by name
select
    s.path, s.size_bytes, s.mtime_ns, s.sha256, s.status, s.error, s.encoding, s.doc_id,
    current_timestamp as first_seen_at,
    current_timestamp as processed_at,
    $run_id as run_id
from staged_files as s
where not exists (select 1 from files as f where f.path = s.path)
order by s.seq
