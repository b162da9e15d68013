update runs
set n_documents_clustered = n_documents_clustered + $n_documents,
    n_reprints = n_reprints + $n_reprints,
    seconds_dedup = seconds_dedup + $seconds
where run_id = $run_id
