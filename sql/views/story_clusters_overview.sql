-- story_clusters_overview: each story (a wire story and its reprints) with its headline, size,
-- the outlets that ran it and the events coded from it.
-- Grain: story cluster. Inputs: story_clusters, document_clusters, document_sources, documents,
-- stg_event_mentions.
create or replace view story_clusters_overview as
with clusters as (
    select * from story_clusters
),

memberships as (
    select * from document_clusters
),

sources as (
    select * from document_sources
),

documents_source as (
    select doc_id, title, dateline_agency, lang from documents
),

mentions as (
    select * from stg_event_mentions
),

outlets as (
    select
        m.cluster_id,
        count(distinct s.outlet) as n_outlets,
        list(distinct s.outlet order by s.outlet) filter (where s.outlet is not null) as outlets
    from memberships as m
    join sources as s on s.doc_id = m.doc_id
    group by m.cluster_id
),

coded as (
    select
        m.cluster_id,
        count(distinct x.event_id) as n_events,
        count(*) as n_event_mentions
    from memberships as m
    join mentions as x on x.doc_id = m.doc_id
    group by m.cluster_id
)

select
    -- ids
    c.cluster_id,
    c.canonical_doc_id,
    -- text
    d.title,
    d.dateline_agency as wire_agency,
    d.lang,
    -- counts
    c.n_docs,
    c.n_sources,
    coalesce(o.n_outlets, 0) as n_outlets,
    coalesce(o.outlets, []) as outlets,
    coalesce(k.n_events, 0) as n_events,
    coalesce(k.n_event_mentions, 0) as n_event_mentions,
    -- timestamps
    c.first_seen_at,
    c.last_seen_at,
    round(epoch(c.last_seen_at - c.first_seen_at) / 3600, 2) as hours_seen
from clusters as c
left join documents_source as d on d.doc_id = c.canonical_doc_id
left join outlets as o on o.cluster_id = c.cluster_id
left join coded as k on k.cluster_id = c.cluster_id
order by c.n_sources desc, c.first_seen_at, c.cluster_id
