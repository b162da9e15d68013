-- What the band-key index beside the database must agree with: the parameters its keys were
-- made with, when they were recorded (a recluster records them anew), and the highest doc_seq
-- clustered so far (the index's watermark after the last committed batch).
select
    p.shingle_words,
    p.num_perm,
    p.bands,
    p.max_bucket,
    p.seed,
    p.hash_version,
    p.created_at,
    (select coalesce(max(s.doc_seq), $empty_watermark) from document_signatures as s)
        as max_clustered_seq
from dedup_params as p
