-- After a clustering batch: recompute the aggregates of the clusters it touched and drop the
-- clusters it merged away. `cluster_assignments` holds every member of every touched cluster
-- (decide_clusters writes them all), so the members are read from it rather than by scanning
-- document_clusters; only their sources are looked up.
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
from cluster_assignments as c
join document_sources as s on s.doc_id = c.doc_id
where c.cluster_id in (select cluster_id from touched_clusters)
group by c.cluster_id
order by c.cluster_id;
