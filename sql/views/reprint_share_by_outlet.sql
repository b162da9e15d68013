-- reprint_share_by_outlet: how much of what each outlet runs is a reprint of a story another
-- copy began. A sighting (document_sources row) is original when its document began its story
-- cluster (cluster_id = doc_id) and its source is the first file seen with that body
-- (documents.source_path); any other sighting is a reprint. "First" is wirewatch's ingest
-- order, which need not be publication order. Documents not clustered yet count as their own
-- story (n_unclustered says how many sightings that is).
-- Grain: outlet (null: sources with no known outlet). Inputs: document_sources, documents,
-- document_clusters.
create or replace view reprint_share_by_outlet as
with sources as (
    select * from document_sources
),

documents_source as (
    select doc_id, source_path from documents
),

memberships as (
    select doc_id, cluster_id from document_clusters
),

sightings as (
    select
        s.outlet,
        s.doc_id,
        s.source,
        coalesce(m.cluster_id, s.doc_id) as cluster_id,
        m.cluster_id is null as is_unclustered,
        coalesce(m.cluster_id <> s.doc_id, false) or s.source <> d.source_path as is_reprint
    from sources as s
    join documents_source as d on d.doc_id = s.doc_id
    left join memberships as m on m.doc_id = s.doc_id
),

by_outlet as (
    select
        outlet,
        count(*) as n_sightings,
        count(distinct doc_id) as n_documents,
        count(distinct cluster_id) as n_stories,
        count(*) filter (where is_reprint) as n_reprints,
        count(*) filter (where not is_reprint) as n_originals,
        count(*) filter (where is_unclustered) as n_unclustered
    from sightings
    group by outlet
)

select
    outlet,
    n_sightings,
    n_documents,
    n_stories,
    n_originals,
    n_reprints,
    round(n_reprints / n_sightings, 4) as reprint_share,
    n_unclustered
from by_outlet
order by n_sightings desc, outlet nulls last
