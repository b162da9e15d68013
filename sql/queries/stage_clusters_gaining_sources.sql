-- Clusters whose documents were seen again in this batch: their source counts change. Found
-- by doc_seq, their members by cluster_seq: semi-joins on integers with few keys, which the
-- indexes of migration 015 answer (zone maps on a lake). No member is new here.
create or replace temp table touched_clusters as
select distinct c.cluster_id, c.cluster_seq
from document_clusters as c
where c.doc_seq in (select doc_seq from staged_documents where not is_new);
create or replace temp table merged_clusters as
select cluster_id from touched_clusters where false;
create or replace temp table touched_members as
select doc_id, doc_seq, cluster_id, is_canonical, false as is_new
from document_clusters
where cluster_seq in (select cluster_seq from touched_clusters);
