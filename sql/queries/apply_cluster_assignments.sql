-- Replace the cluster rows of the documents in `cluster_assignments`, which hold every member
-- of every cluster they touch, so cluster_seq (the smallest doc_seq of a story's members) is
-- computed from them. Only members clustered before this batch have rows to delete
-- (stage_cluster_changes.sql): a few, found through the doc_seq index.
delete from document_clusters
where doc_seq in (select doc_seq from touched_members where not is_new);
insert into document_clusters by name
select
    doc_id, doc_seq, cluster_id, similarity, method, is_canonical,
    min(doc_seq) over (partition by cluster_id) as cluster_seq
from cluster_assignments
order by doc_id;
