-- After a poll (registered as `batch_feed_states`): validators for the next conditional GET,
-- last outcome, and the next due time, backed off by 2^failures after a failure.
update feeds
set etag = s.etag,
    last_modified = s.last_modified,
    last_status = s.last_status,
    last_error = s.last_error,
    consecutive_failures = case when s.failed then feeds.consecutive_failures + 1 else 0 end,
    next_due = current_timestamp + to_microseconds(cast(1e6 * least(
        feeds.every_seconds
            * pow(2, case when s.failed then least(feeds.consecutive_failures + 1, 30) else 0 end),
        $max_backoff_seconds
    ) as bigint)),
    last_polled_at = current_timestamp,
    title = coalesce(s.title, feeds.title)
from batch_feed_states as s
where feeds.url = s.url
