-- Queued changes that every rebuilt coder version has already consumed.
delete from event_refresh_queue
where seq <= (select min(refreshed_through) from event_refresh_state)
