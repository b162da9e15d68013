-- ingest_health: is ingest keeping up? One row per flow run, newest first: how it ended, how
-- long it took, documents and megabytes per second, seconds per stage, and the quarantine rows
-- first recorded by that run, by reason (n_quarantined also counts files quarantined again).
-- Grain: run. Inputs: runs, quarantine.
create or replace view ingest_health as
with runs_source as (
    select * from runs
),

quarantine_source as (
    select * from quarantine
),

quarantine_by_run_reason as (
    select run_id, reason, count(*) as n_rows
    from quarantine_source
    group by run_id, reason
),

quarantine_by_run as (
    select
        run_id,
        sum(n_rows)::bigint as n_quarantine_rows_new,
        map(list(reason order by reason), list(n_rows order by reason)) as quarantine_by_reason
    from quarantine_by_run_reason
    group by run_id
),

timed as (
    select
        -- ids
        r.run_id,
        r.flow_name,
        r.status,
        -- timestamps
        r.started_at,
        r.ended_at,
        epoch(r.ended_at - r.started_at) as seconds_elapsed,
        -- counts
        r.n_files_matched,
        r.n_files_unchanged,
        r.n_files_deferred,
        r.n_documents_new,
        r.n_documents_duplicate,
        r.n_reprints,
        r.n_quarantined,
        r.n_documents_coded,
        r.n_event_mentions,
        r.n_batches,
        r.bytes_read,
        -- seconds per stage
        r.seconds_scan,
        r.seconds_read,
        r.seconds_normalise,
        r.seconds_lang,
        r.seconds_store,
        r.seconds_dedup,
        r.seconds_coding,
        r.error
    from runs_source as r
)

select
    t.*,
    case
        when t.seconds_elapsed > 0
            then round((t.n_documents_new + t.n_documents_duplicate) / t.seconds_elapsed, 2)
    end as documents_per_second,
    case
        when t.seconds_elapsed > 0 then round(t.bytes_read / 1e6 / t.seconds_elapsed, 3)
    end as megabytes_per_second,
    coalesce(q.n_quarantine_rows_new, 0) as n_quarantine_rows_new,
    q.quarantine_by_reason
from timed as t
left join quarantine_by_run as q on q.run_id = t.run_id
order by t.started_at desc, t.run_id
