-- A run still marked running when a new one starts died without finishing (killed, crashed).
-- Its committed batches stay; its uncommitted batch was rolled back by DuckDB.
update runs
set status = 'abandoned',
    error = coalesce(error, 'process ended before the run finished')
where status = 'running'
