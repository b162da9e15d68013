-- Events of the current coder with no resolvable date: events_gdelt (and so every export) leaves them out.
select count(*) as n_events_undated from stg_events where event_date is null
