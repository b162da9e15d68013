-- The events a full rebuild re-aggregates (temp table `refresh_events`): every event of the
-- version, stored or mentioned.
create or replace temp table refresh_events as
select event_id
from event_mentions
where coder_version = $coder_version
union
select event_id
from events
where coder_version = $coder_version
