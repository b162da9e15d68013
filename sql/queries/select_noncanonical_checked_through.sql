-- DuckLake: how far this coder version's non-canonical check has looked in the refresh queue
-- (null: never on this lake, so the next check looks at every coded document).
select max(checked_through) as checked_through
from noncanonical_check_state
where coder_version = $coder_version
