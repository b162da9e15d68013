-- mentions_gdelt: the current coder's event mentions in the GDELT 2.0 mentions table layout:
-- its 16 columns, in GDELT's order, with GDELT's names and types.
-- Grain: mention (one coded sentence of one document). Inputs: stg_event_mentions,
-- stg_events, documents, coded_documents.
-- Choices where our data differs from GDELT's:
-- - Only mentions of events in events_gdelt (events with a resolvable date).
-- - MentionTimeDate is when the sentence was coded (UTC, YYYYMMDDHHMMSS); EventTimeDate is the
--   event's DATEADDED.
-- - MentionType is 1 (WEB) for every article; MentionSourceName is the outlet, else the wire
--   agency of the dateline; MentionIdentifier is the URL, else the file path.
-- - SentenceID is 1-based; char offsets index documents.body; -1 when the actor is absent.
-- - Confidence is the coder's 0..1 confidence as a percentage (GDELT's 10..100 scale).
-- - MentionDocTranslationInfo and Extras are empty: nothing is machine-translated.
create or replace view mentions_gdelt as
with mentions as (
    select * from stg_event_mentions
),

events_source as (
    select * from stg_events
),

documents_source as (
    select doc_id, outlet, dateline_agency, url, source_path, n_chars from documents
),

coded_documents_source as (
    select * from coded_documents
),

gdelt as (
    select
        e.global_event_id::bigint as "GLOBALEVENTID",
        strftime(timezone('UTC', e.date_added), '%Y%m%d%H%M%S')::bigint as "EventTimeDate",
        strftime(timezone('UTC', m.coded_at), '%Y%m%d%H%M%S')::bigint as "MentionTimeDate",
        1::integer as "MentionType",
        regexp_replace(coalesce(d.outlet, d.dateline_agency), '[\t\r\n]+', ' ', 'g')::varchar
            as "MentionSourceName",
        regexp_replace(coalesce(d.url, d.source_path), '[\t\r\n]+', ' ', 'g')::varchar
            as "MentionIdentifier",
        (m.sentence_index + 1)::integer as "SentenceID",
        coalesce(m.actor1_start, -1)::integer as "Actor1CharOffset",
        coalesce(m.actor2_start, -1)::integer as "Actor2CharOffset",
        m.action_start::integer as "ActionCharOffset",
        m.in_raw_text::integer as "InRawText",
        round(m.confidence * 100)::integer as "Confidence",
        d.n_chars::integer as "MentionDocLen",
        c.doc_tone::double as "MentionDocTone",
        null::varchar as "MentionDocTranslationInfo",
        null::varchar as "Extras",
        -- ordering only
        m.doc_id,
        m.sentence_index
    from mentions as m
    join events_source as e on e.event_id = m.event_id
    left join documents_source as d on d.doc_id = m.doc_id
    left join coded_documents_source as c
        on c.doc_id = m.doc_id and c.coder_version = m.coder_version
    where e.event_date is not null
)

select * exclude (doc_id, sentence_index) from gdelt
order by "MentionTimeDate", "GLOBALEVENTID", doc_id, sentence_index
