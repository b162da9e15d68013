-- DuckLake: this coder version's non-canonical check has looked at every queued story change
-- up to $through.
insert into noncanonical_check_state (coder_version, checked_through)
values ($coder_version, $through)
