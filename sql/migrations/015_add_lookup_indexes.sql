-- file only: DuckLake has no indexes, so a lake records this migration without running it.
-- Flat per-batch cost for the document write, the story-cluster refresh and reprint matching:
-- ART indexes on the keys their lookups probe. With the writer's settings (store.py, _LOOKUP_SETTINGS), a
-- semi-join whose other side is small becomes an IN filter that DuckDB answers from the
-- index (an index scan: a lookup per key, a fetch per match) instead of a scan of every row
-- group the keys are spread over. Indexes change no rows.
create index documents_doc_id on documents (doc_id);
create index document_sources_doc_seq on document_sources (doc_seq);
create index document_clusters_doc_seq on document_clusters (doc_seq);
create index document_clusters_cluster_seq on document_clusters (cluster_seq);
create index story_clusters_cluster_id on story_clusters (cluster_id);
create index document_signatures_doc_seq on document_signatures (doc_seq);
