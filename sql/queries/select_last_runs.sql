select
    left(run_id, 8) as run,
    status,
    strftime(started_at, '%Y-%m-%d %H:%M:%S') as started,
    round(seconds_elapsed, 1) as seconds,
    n_documents_new as new,
    n_documents_duplicate as dup,
    n_quarantined as quar,
    n_files_unchanged as unchanged,
    n_files_deferred as deferred
from recent_runs
limit 5
