-- Story clusters whose members or sources changed (temp table `touched_clusters`): the events
-- their documents mention must be recounted, for every coder version.
insert into event_refresh_queue (seq, cluster_id)
select $seq as seq, cluster_id
from touched_clusters
order by cluster_id
