-- story_cluster_outlets: each story with its canonical headline, size, and who ran it.
-- Grain: story cluster. Inputs: story_clusters, document_clusters, document_sources, documents.
create or replace view story_cluster_outlets as
with clusters as (
    select * from story_clusters
),

memberships as (
    select * from document_clusters
),

sources as (
    select * from document_sources
),

canonical_documents as (
    select doc_id, title, dateline_agency, lang from documents
),

sightings as (
    select
        m.cluster_id,
        s.source,
        s.outlet
    from memberships as m
    join sources as s on s.doc_id = m.doc_id
),

outlets as (
    select
        cluster_id,
        list(distinct outlet order by outlet) filter (where outlet is not null) as outlets,
        list(distinct source order by source) as sources
    from sightings
    group by cluster_id
)

select
    c.cluster_id,
    c.canonical_doc_id,
    d.title,
    d.dateline_agency as wire_agency,
    d.lang,
    c.n_docs,
    c.n_sources,
    coalesce(o.outlets, []) as outlets,
    o.sources,
    c.first_seen_at,
    c.last_seen_at
from clusters as c
left join canonical_documents as d on d.doc_id = c.canonical_doc_id
left join outlets as o on o.cluster_id = c.cluster_id
order by c.n_sources desc, c.first_seen_at, c.cluster_id
