-- Forget a coder version's watermark (insert_event_refresh_state.sql writes the new one).
delete from event_refresh_state where coder_version = $coder_version
