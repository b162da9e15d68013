-- Replace the cluster rows of the documents in `cluster_assignments`.
delete from document_clusters where doc_id in (select doc_id from cluster_assignments);
insert into document_clusters by name
select doc_id, cluster_id, similarity, method, is_canonical
from cluster_assignments
order by doc_id;
