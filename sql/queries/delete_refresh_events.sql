-- Drop the events a rebuild re-aggregates (temp table `refresh_events`); insert_events.sql
-- writes back those that still have mentions.
delete from events
where coder_version = $coder_version
  and event_id in (select event_id from refresh_events)
