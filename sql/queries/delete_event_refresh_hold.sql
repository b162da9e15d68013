-- DuckLake: a run ended; its queue rows may go.
delete from event_refresh_holds where run_id = $run_id
