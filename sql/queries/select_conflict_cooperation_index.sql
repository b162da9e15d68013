-- The daily conflict/cooperation index from $since (or the start), oldest first; with $days,
-- only the last $days days up to the latest event date. Undated events are left out.
with dated as (
    select * from conflict_cooperation_daily
    where event_date is not null and ($since is null or event_date >= $since)
)

select
    event_date,
    n_events,
    n_cooperation_events,
    n_conflict_events,
    sum_goldstein,
    mean_goldstein
from dated
where $days is null or event_date > (select max(event_date) from dated) - $days::integer
order by event_date
