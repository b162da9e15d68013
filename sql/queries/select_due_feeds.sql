-- Feeds to poll now (every feed when $all), longest overdue first.
select url, name, etag, last_modified, every_seconds, consecutive_failures
from feeds
where $all or next_due <= current_timestamp
order by next_due, url
