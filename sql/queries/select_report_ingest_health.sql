-- Report: the last $top runs started on or after $since (or all), newest first.
select
    started_at,
    flow_name,
    status,
    round(seconds_elapsed, 1) as seconds_elapsed,
    n_documents_new,
    n_documents_duplicate,
    n_quarantined,
    documents_per_second,
    quarantine_by_reason
from ingest_health
where $since is null or started_at >= $since
order by started_at desc, run_id
limit $top
