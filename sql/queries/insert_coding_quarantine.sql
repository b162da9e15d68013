-- Documents whose coding raised (coded_documents.coding_error set): one quarantine row per
-- (document, reason), under the path the document was first stored from. A later coder
-- version failing on the same document adds nothing.
insert into quarantine by name
select
    d.source_path as path,
    k.coding_error as reason,
    k.coding_error_detail as detail,
    null::bigint as size_bytes,
    null::bigint as mtime_ns,
    null as sha256,
    current_timestamp as first_seen_at,
    $run_id as run_id,
    'coding' as stage,
    k.doc_id
from batch_coded_documents as k
join documents as d on d.doc_id = k.doc_id
where k.coding_error is not null
  and not exists (
      select 1 from quarantine as x
      where x.doc_id = k.doc_id and x.reason = k.coding_error
  )
order by d.doc_seq
