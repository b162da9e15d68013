-- stg_events: the events of the current coder version, with each actor's primary code, so a
-- corpus coded twice (an old and a new coder) is never counted twice. The current version is
-- the one that coded a document most recently (latest coded_documents.coded_at).
-- Grain: event (event_id). Inputs: events, coded_documents.
-- Primary code: the organisation code when the actor has one, else its ISO3 country, else the
-- raw actor code (an actor with neither, e.g. a bare role).
create or replace view stg_events as
with events_source as (
    select * from events
),

coded_documents_source as (
    select * from coded_documents
),

current_version as (
    select coder_version
    from coded_documents_source
    order by coded_at desc, coder_version desc
    limit 1
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
