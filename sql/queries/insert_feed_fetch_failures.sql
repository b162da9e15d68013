insert into feed_fetch_failures by name
select
    b.feed_url, b.url, b.kind, b.reason, b.detail, b.http_status,
    current_timestamp as seen_at,
    $run_id as run_id
from batch_feed_failures as b
order by b.seq
