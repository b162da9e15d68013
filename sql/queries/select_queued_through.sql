-- The newest queued change (0: none): a coding batch read after this has seen every story
-- change up to it.
select coalesce(max(seq), 0) from event_refresh_queue
