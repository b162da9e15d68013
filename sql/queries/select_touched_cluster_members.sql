-- Every member of the clusters that candidate documents (temp table candidate_docs) belong to.
with touched as (
    select distinct c.cluster_id
    from document_clusters as c
    where c.doc_id in (select doc_id from candidate_docs)
)

select c.doc_id, c.cluster_id, s.doc_seq, s.n_shingles, s.signature
from document_clusters as c
join touched as t on t.cluster_id = c.cluster_id
join document_signatures as s on s.doc_id = c.doc_id
order by s.doc_seq
