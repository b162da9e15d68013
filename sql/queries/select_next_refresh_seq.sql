-- The number the next event_refresh_queue insert takes: one above every queued row and every
-- watermark or check mark, so a number pruned from the queue is never reused (DuckLake has no
-- sequences).
select greatest(
    coalesce((select max(seq) from event_refresh_queue), 0),
    coalesce((select max(refreshed_through) from event_refresh_state), 0),
    coalesce((select max(checked_through) from noncanonical_check_state), 0)
) + 1
