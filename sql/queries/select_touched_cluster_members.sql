-- Every member of the clusters that candidate documents (temp table candidate_seqs) belong to.
-- Joins run on integer doc_seq: string joins on doc_id cost more than the rest of the query.
with touched as (
    select distinct c.cluster_id
    from document_clusters as c
    where c.doc_seq in (select doc_seq from candidate_seqs)
)

select c.doc_id, c.cluster_id, c.doc_seq, s.n_shingles, s.signature
from document_clusters as c
join touched as t on t.cluster_id = c.cluster_id
join document_signatures as s on s.doc_seq = c.doc_seq
order by c.doc_seq
