-- Clusters whose documents were seen again in this batch: their source counts change.
create or replace temp table touched_clusters as
select distinct c.cluster_id
from document_clusters as c
where c.doc_id in (select doc_id from staged_documents where not is_new);
create or replace temp table merged_clusters as
select cluster_id from touched_clusters where false;
create or replace temp table touched_members as
select doc_id, cluster_id, is_canonical
from document_clusters
where cluster_id in (select cluster_id from touched_clusters);
