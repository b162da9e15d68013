-- Recompute the aggregates of the clusters in temp table `touched_clusters` from their members
-- (temp table `touched_members`) and their sightings, and drop the clusters in
-- `merged_clusters` (absorbed into an older one). Every lookup is a semi-join with a small
-- side: the touched and merged story ids (found through the cluster_id index), the sightings
-- of members clustered before this batch (through the doc_seq index) and those of the batch's
-- new members (a scan of the newest row group, where their rows lie), so the cost follows the
-- touched stories, not the corpus. The two kinds of member are looked up apart because one
-- join with both would cover the whole range of doc_seq and scan every row group. The
-- sightings go through a temp table so that the aggregate is sized by their number: sized by
-- the estimate from document_sources, its hash tables grew with the corpus.
create or replace temp table touched_sightings as
select s.doc_seq, s.source, s.seen_at
from document_sources as s
where s.doc_seq in (select doc_seq from touched_members where not is_new)
union all
select s.doc_seq, s.source, s.seen_at
from document_sources as s
where s.doc_seq in (select doc_seq from touched_members where is_new);
delete from story_clusters
where cluster_id in (
    select cluster_id from touched_clusters
    union all
    select cluster_id from merged_clusters
);
insert into story_clusters by name
select
    c.cluster_id,
    any_value(c.doc_id) filter (where c.is_canonical) as canonical_doc_id,
    min(s.seen_at) as first_seen_at,
    max(s.seen_at) as last_seen_at,
    count(distinct c.doc_id) as n_docs,
    count(distinct s.source) as n_sources
from touched_members as c
join touched_sightings as s on s.doc_seq = c.doc_seq
where c.cluster_id in (select cluster_id from touched_clusters)
group by c.cluster_id
order by c.cluster_id;
