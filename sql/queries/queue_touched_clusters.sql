-- Story clusters whose members or sources changed (temp table `touched_clusters`): the events
-- their documents mention must be recounted, for every coder version. One row per member
-- (temp table `touched_members`), so the rebuild finds their mentions by doc_seq.
insert into event_refresh_queue (seq, cluster_id, doc_seq)
select $seq as seq, m.cluster_id, m.doc_seq
from touched_members as m
where m.cluster_id in (select cluster_id from touched_clusters)
order by m.cluster_id, m.doc_seq
