-- The events one rebuild re-aggregates (temp table `refresh_events`). In full: every event of
-- the version, stored or mentioned. Otherwise: the events queued after the version's
-- watermark, and every event mentioned by a document of a queued story cluster (its article
-- and source counts changed).
create or replace temp table refresh_events as
select event_id
from event_mentions
where $full and coder_version = $coder_version
union
select event_id
from events
where $full and coder_version = $coder_version
union
select event_id
from event_refresh_queue
where not $full
  and coder_version = $coder_version
  and event_id is not null
  and seq > $after and seq <= $through
union
select m.event_id
from event_mentions as m
join document_clusters as c on c.doc_id = m.doc_id
where not $full
  and m.coder_version = $coder_version
  and c.cluster_id in (
      select cluster_id
      from event_refresh_queue
      where cluster_id is not null and seq > $after and seq <= $through
  )
