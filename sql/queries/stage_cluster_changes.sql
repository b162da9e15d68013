-- The clusters a dedup batch changes (registered Arrow tables -> temp tables), staged before
-- its assignments are applied. Its assignment rows hold every member of every touched cluster
-- (decide_clusters writes them all), so the members come from them rather than from a scan of
-- document_clusters. A member is new when it had no cluster before this batch: the batch's own
-- documents, whose rows lie in the newest row group, are found by a scan that zone maps limit
-- to it, and the older members, spread over the corpus, by index lookups (migration 015).
create or replace temp table touched_clusters as
select cluster_id from batch_touched_clusters;
create or replace temp table merged_clusters as
select cluster_id from batch_merged_clusters;
create or replace temp table touched_members as
with clustered as (
    select c.doc_seq
    from document_clusters as c
    where c.doc_seq in (select doc_seq from cluster_assignments)
)

select a.doc_id, a.doc_seq, a.cluster_id, a.is_canonical, k.doc_seq is null as is_new
from cluster_assignments as a
left join clustered as k on k.doc_seq = a.doc_seq;
