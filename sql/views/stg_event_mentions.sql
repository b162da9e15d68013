-- stg_event_mentions: the event mentions (one per coded sentence) of the current coder
-- version, the one that coded a document most recently (latest coded_documents.coded_at).
-- Grain: mention (event_id, doc_id, sentence_index). Inputs: event_mentions, coded_documents.
create or replace view stg_event_mentions as
with event_mentions_source as (
    select * from event_mentions
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

current_mentions as (
    select
        m.*,
        coalesce(m.actor1_known_group, m.actor1_country, m.actor1_code) as actor1_primary_code,
        coalesce(m.actor2_known_group, m.actor2_country, m.actor2_code) as actor2_primary_code
    from event_mentions_source as m
    join current_version as v on v.coder_version = m.coder_version
)

select * from current_mentions
