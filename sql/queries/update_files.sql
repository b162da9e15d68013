update files
set size_bytes = s.size_bytes,
    mtime_ns = s.mtime_ns,
    sha256 = s.sha256,
    status = s.status,
    error = s.error,
    encoding = s.encoding,
    doc_id = s.doc_id,
    processed_at = current_timestamp,
    run_id = $run_id
from staged_files as s
where files.path = s.path
