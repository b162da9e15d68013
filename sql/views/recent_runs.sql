-- recent_runs: one row per flow run, newest first, with throughput.
-- Grain: run. Inputs: runs.
create or replace view recent_runs as
with runs_source as (
    select * from runs
),

timed as (
    select
        run_id,
        flow_name,
        status,
        started_at,
        ended_at,
        extract(epoch from (ended_at - started_at)) as seconds_elapsed,
        n_files_matched,
        n_files_unchanged,
        n_files_deferred,
        n_documents_new,
        n_documents_duplicate,
        n_quarantined,
        n_batches,
        error
    from runs_source
)

select
    *,
    case
        when seconds_elapsed > 0
            then round((n_documents_new + n_documents_duplicate + n_quarantined) / seconds_elapsed, 1)
    end as files_per_second
from timed
order by started_at desc
