-- The clusters a dedup batch changed (registered Arrow tables -> temp tables). Its assignment
-- rows hold every member of every touched cluster (decide_clusters writes them all), so the
-- members come from them rather than from a scan of document_clusters.
create or replace temp table touched_clusters as
select cluster_id from batch_touched_clusters;
create or replace temp table merged_clusters as
select cluster_id from batch_merged_clusters;
create or replace temp table touched_members as
select doc_id, doc_seq, cluster_id, is_canonical from cluster_assignments;
