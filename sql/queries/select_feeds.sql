select
    name, url, every_seconds as every_s, last_status, last_error,
    consecutive_failures as failures, last_polled_at, next_due,
    (select count(*) from feed_entries as e where e.feed_url = f.url) as entries
from feeds as f
order by name
