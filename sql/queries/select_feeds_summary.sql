-- `wirewatch status` and `report`: the registered feeds at a glance, and what the last feed
-- poll (the newest ingest-feeds run) brought: its new entries, how many have their page's
-- text or kept the feed's summary, and the fetches that failed.
with last_poll as (
    select run_id, started_at, status
    from runs
    where flow_name = 'ingest-feeds'
    order by started_at desc
    limit 1
),
polled as (
    select
        count(*) as n_entries,
        count(*) filter (where body_source = 'page') as n_pages,
        count(*) filter (where body_source = 'summary') as n_summaries
    from feed_entries
    where run_id = (select run_id from last_poll)
)
select
    (select count(*) from feeds) as feeds,
    (select count(*) from feeds where next_due <= current_timestamp) as due_now,
    (select count(*) from feeds where consecutive_failures > 0) as failing,
    (select strftime(started_at, '%Y-%m-%d %H:%M:%S') from last_poll) as last_poll,
    (select status from last_poll) as last_poll_status,
    polled.n_entries as new_entries,
    polled.n_pages as from_pages,
    polled.n_summaries as kept_summary,
    (
        select count(*) from feed_fetch_failures
        where run_id = (select run_id from last_poll)
    ) as fetch_failures
from polled
