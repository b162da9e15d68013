-- DuckLake: a run wrote a coded batch. It now needs the queue rows only after $held_after: the
-- oldest read mark of the documents it has read but not written yet, or, with none left,
-- the newest queued change now (it reads its next documents after this).
update event_refresh_holds set held_after = $held_after where run_id = $run_id
