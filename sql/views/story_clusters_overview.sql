-- story_clusters_overview: each story (a wire story and its reprints) with its headline, size,
-- the outlets that ran it and the events coded from it.
-- Grain: story cluster. Inputs: story_cluster_outlets, document_clusters, stg_event_mentions.
create or replace view story_clusters_overview as
with stories as (
    select * from story_cluster_outlets
),

memberships as (
    select * from document_clusters
),

mentions as (
    select * from stg_event_mentions
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
    s.cluster_id,
    s.canonical_doc_id,
    -- text
    s.title,
    s.wire_agency,
    s.lang,
    -- counts
    s.n_docs,
    s.n_sources,
    len(s.outlets) as n_outlets,
    s.outlets,
    coalesce(k.n_events, 0) as n_events,
    coalesce(k.n_event_mentions, 0) as n_event_mentions,
    -- timestamps
    s.first_seen_at,
    s.last_seen_at,
    round(epoch(s.last_seen_at - s.first_seen_at) / 3600, 2) as hours_seen
from stories as s
left join coded as k on k.cluster_id = s.cluster_id
order by s.n_sources desc, s.first_seen_at, s.cluster_id
