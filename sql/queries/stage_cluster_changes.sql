-- The clusters a dedup batch changed (registered Arrow tables -> temp tables).
create or replace temp table touched_clusters as
select cluster_id from batch_touched_clusters;
create or replace temp table merged_clusters as
select cluster_id from batch_merged_clusters;
