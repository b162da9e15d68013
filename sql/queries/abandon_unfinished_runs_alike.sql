-- Several workers share a DuckLake store, each with runs in progress: a run still marked
-- running when a new one starts died without finishing only if it was this same worker's, i.e.
-- the same flow on the same folder with the same settings (shard included).
update runs
set status = 'abandoned',
    error = coalesce(error, 'process ended before the run finished')
where status = 'running'
  and flow_name = $flow_name
  and root is not distinct from $root
  and parameters::varchar = $parameters
