update runs
set status = $status,
    ended_at = current_timestamp,
    error = $error,
    n_files_matched = $n_files_matched,
    n_files_unchanged = $n_files_unchanged,
    n_files_deferred = n_files_deferred + $n_files_deferred,
    seconds_scan = $seconds_scan,
    seconds_snapshot = $seconds_snapshot
where run_id = $run_id
