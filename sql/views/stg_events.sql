-- stg_events: the events of the current coder version (stg_current_coder_version), with each
-- actor's primary code.
-- Grain: event (event_id). Inputs: events, stg_current_coder_version.
-- Primary code: the organisation code when the actor has one, else its ISO3 country, else the
-- raw actor code (an actor with neither, e.g. a bare role).
create or replace view stg_events as
with events_source as (
    select * from events
),

current_version as (
    select * from stg_current_coder_version
),

current_events as (
    select
        e.*,
        coalesce(e.actor1_known_group, e.actor1_country, e.actor1_code) as actor1_primary_code,
        coalesce(e.actor2_known_group, e.actor2_country, e.actor2_code) as actor2_primary_code
    from events_source as e
    join current_version as v on v.coder_version = e.coder_version
)

select * from current_events
