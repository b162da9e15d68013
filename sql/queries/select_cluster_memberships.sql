-- Every clustered document's cluster: loads the store's in-memory membership map.
select doc_seq, cluster_id
from document_clusters
order by doc_seq
