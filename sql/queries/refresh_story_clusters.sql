-- Recompute the aggregates of the clusters in temp table `touched_clusters` from their members
-- (temp table `touched_members`) and their sightings, and drop the clusters in
-- `merged_clusters` (absorbed into an older one).
delete from story_clusters
where cluster_id in (select cluster_id from touched_clusters)
   or cluster_id in (select cluster_id from merged_clusters);
insert into story_clusters by name
select
    c.cluster_id,
    any_value(c.doc_id) filter (where c.is_canonical) as canonical_doc_id,
    min(s.seen_at) as first_seen_at,
    max(s.seen_at) as last_seen_at,
    count(distinct c.doc_id) as n_docs,
    count(distinct s.source) as n_sources
from touched_members as c
join document_sources as s on s.doc_id = c.doc_id
where c.cluster_id in (select cluster_id from touched_clusters)
group by c.cluster_id
order by c.cluster_id;
