-- Retry rows whose file a complete scan of its folder no longer found: final, not retried.
update files
set status = 'vanished',
    processed_at = current_timestamp,
    run_id = $run_id
where status = 'retry'
  and path in (select path from vanished_paths)
