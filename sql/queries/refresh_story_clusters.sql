-- Recompute the aggregates of the clusters in temp table `touched_clusters` from their members
-- (temp table `touched_members`) and their sightings, and drop the clusters in
-- `merged_clusters` (absorbed into an older one). The sightings are found by the members'
-- doc_seq, a semi-join that zone maps prune, so the cost follows the touched stories, not
-- the corpus.
delete from story_clusters
where cluster_id in (select cluster_id from touched_clusters)
   or cluster_id in (select cluster_id from merged_clusters);
insert into story_clusters by name
with sightings as (
    select s.doc_seq, s.source, s.seen_at
    from document_sources as s
    where s.doc_seq in (select doc_seq from touched_members)
)

select
    c.cluster_id,
    any_value(c.doc_id) filter (where c.is_canonical) as canonical_doc_id,
    min(s.seen_at) as first_seen_at,
    max(s.seen_at) as last_seen_at,
    count(distinct c.doc_id) as n_docs,
    count(distinct s.source) as n_sources
from touched_members as c
join sightings as s on s.doc_seq = c.doc_seq
where c.cluster_id in (select cluster_id from touched_clusters)
group by c.cluster_id
order by c.cluster_id;
