-- Every member of the clusters that candidate documents (temp table candidate_seqs) belong to,
-- with its signature. Joins run on integer doc_seq: string joins on doc_id cost more than the
-- rest of the query. Signatures are fetched by a semi-join on the members' doc_seqs, which
-- reads the blob column only for matching rows; joining document_signatures directly read
-- every row's blob, a cost that grew with the corpus.
with touched as (
    select distinct cluster_id
    from document_clusters
    where doc_seq in (select doc_seq from candidate_seqs)
),

members as (
    select doc_id, cluster_id, doc_seq
    from document_clusters
    where cluster_id in (select cluster_id from touched)
),

member_signatures as (
    select doc_seq, n_shingles, signature
    from document_signatures
    where doc_seq in (select doc_seq from members)
)

select m.doc_id, m.cluster_id, m.doc_seq, s.n_shingles, s.signature
from members as m
join member_signatures as s on s.doc_seq = m.doc_seq
order by m.doc_seq
