-- A coder version's events now reflect every queued change up to $through.
insert into event_refresh_state (coder_version, refreshed_through)
values ($coder_version, $through)
