-- New feeds (registered as `new_feeds`: url, name, every_seconds); a URL or a name already
-- registered is skipped. Due at once.
insert into feeds by name
select
    n.url, n.name, n.every_seconds,
    null::varchar as etag, null::varchar as last_modified, null::integer as last_status,
    null::varchar as last_error, 0 as consecutive_failures,
    current_timestamp as next_due, null::timestamptz as last_polled_at, null::varchar as title,
    current_timestamp as added_at
from (
    select *, row_number() over (partition by url order by ord) as n_url,
        row_number() over (partition by name order by ord) as n_name
    from new_feeds
) as n
where n.n_url = 1 and n.n_name = 1
  and not exists (select 1 from feeds as f where f.url = n.url or f.name = n.name)
order by n.ord
returning url
