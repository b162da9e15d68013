-- The events an incremental rebuild re-aggregates (temp table `refresh_events`): the events
-- queued after the version's watermark, and every event mentioned by a document of a queued
-- story cluster (its article and source counts changed). The queue lists those documents by
-- doc_seq, so their mentions are a semi-join on integers that zone maps prune.
-- stage_refresh_events_full.sql is the full rebuild's set.
create or replace temp table refresh_events as
with queued as (
    select coder_version, event_id, doc_seq
    from event_refresh_queue
    where seq > $after and seq <= $through
)

select event_id
from queued
where coder_version = $coder_version and event_id is not null
union
select m.event_id
from event_mentions as m
where m.coder_version = $coder_version
  and m.doc_seq in (select doc_seq from queued where doc_seq is not null)
