-- stg_event_mentions: the event mentions (one per coded sentence) of the current coder
-- version (stg_current_coder_version), with each actor's primary code as in stg_events.
-- Grain: mention (event_id, doc_id, sentence_index). Inputs: event_mentions,
-- stg_current_coder_version.
create or replace view stg_event_mentions as
with event_mentions_source as (
    select * from event_mentions
),

current_version as (
    select * from stg_current_coder_version
),

current_mentions as (
    select
        m.* exclude (doc_seq),  -- doc_seq is an ingest-order key for refreshes, not data
        case when m.actor1_known_group = m.actor1_code then m.actor1_known_group
             else coalesce(m.actor1_country, m.actor1_code) end as actor1_primary_code,
        case when m.actor2_known_group = m.actor2_code then m.actor2_known_group
             else coalesce(m.actor2_country, m.actor2_code) end as actor2_primary_code
    from event_mentions_source as m
    join current_version as v on v.coder_version = m.coder_version
)

select * from current_mentions
