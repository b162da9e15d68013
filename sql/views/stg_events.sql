-- stg_events: the events of the current coder version (stg_current_coder_version), with each
-- actor's primary code.
-- Grain: event (event_id). Inputs: events, stg_current_coder_version.
-- Primary code (wirewatch.coding.actors.primary_code): the organisation code when the actor is coded under
-- it (code = known_group: NATO, HMS), else its ISO3 country (a group without a fixed code: the
-- RSF is SDNREB with known_group RSF -> SDN), else the raw actor code (UNO for a UN agency such
-- as the WFP; a bare role).
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
        case when e.actor1_known_group = e.actor1_code then e.actor1_known_group
             else coalesce(e.actor1_country, e.actor1_code) end as actor1_primary_code,
        case when e.actor2_known_group = e.actor2_code then e.actor2_known_group
             else coalesce(e.actor2_country, e.actor2_code) end as actor2_primary_code
    from events_source as e
    join current_version as v on v.coder_version = e.coder_version
)

select * from current_events
