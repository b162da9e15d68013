insert into runs (run_id, flow_name, root, parameters, status, started_at)
values ($run_id, $flow_name, $root, $parameters, 'running', current_timestamp)
