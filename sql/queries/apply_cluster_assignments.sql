-- Replace the cluster rows of the documents in `cluster_assignments`.
delete from document_clusters where doc_seq in (select doc_seq from cluster_assignments);
insert into document_clusters by name
select doc_id, doc_seq, cluster_id, similarity, method, is_canonical
from cluster_assignments
order by doc_id;
