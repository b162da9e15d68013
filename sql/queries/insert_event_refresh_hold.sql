-- DuckLake: a run starting. Every story change it has not seen yet is queued after the newest
-- row now; those rows stay queued while it runs (prune_event_refresh_queue.sql), so its
-- coded writes can check the documents they name against them.
insert into event_refresh_holds (run_id, held_after)
select $run_id, coalesce(max(seq), 0)
from event_refresh_queue
