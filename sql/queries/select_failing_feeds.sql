-- `wirewatch status` and `report`: feeds whose last poll failed, most failures first, with
-- the reason and message of their latest feed-level failure and when they are tried again.
with last_failure as (
    select feed_url, arg_max(detail, seen_at) as detail
    from feed_fetch_failures
    where kind = 'feed'
    group by feed_url
)
select
    f.name,
    f.url,
    f.last_error,
    left(coalesce(l.detail, ''), 120) as detail,
    f.last_status,
    f.consecutive_failures as failures,
    strftime(f.last_polled_at, '%Y-%m-%d %H:%M:%S') as last_polled,
    strftime(f.next_due, '%Y-%m-%d %H:%M:%S') as next_try
from feeds as f
left join last_failure as l on l.feed_url = f.url
where f.consecutive_failures > 0
order by f.consecutive_failures desc, f.name
limit $limit
