-- The ledger rows of this batch: one per document file and one per quarantined file.
create or replace temp table staged_files as
select
    source_path as path, size as size_bytes, mtime_ns, sha256,
    case when is_new then 'ingested' else 'duplicate' end as status,
    null::varchar as error, encoding, doc_id, seq
from staged_documents
union all by name
select
    path, coalesce(size, 0) as size_bytes, coalesce(mtime_ns, 0) as mtime_ns, sha256,
    case when list_contains($retryable_reasons, reason) then 'retry' else 'quarantined' end as status,
    reason as error, null::varchar as encoding, null::varchar as doc_id, seq
from batch_quarantine
