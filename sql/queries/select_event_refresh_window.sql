-- A coder version's rebuild window: its watermark (null: never rebuilt, so rebuild in full)
-- and the newest queued change, which the rebuild will cover.
select
    (
        select max(refreshed_through)
        from event_refresh_state
        where coder_version = $coder_version
    ) as refreshed_through,
    (select max(seq) from event_refresh_queue) as queued_through
