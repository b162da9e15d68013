-- Events per day by QuadClass from $since (or the start), oldest first; undated events left out.
select
    event_date,
    quad_class,
    sum(n_events)::bigint as n_events
from daily_event_counts
where event_date is not null and ($since is null or event_date >= $since)
group by event_date, quad_class
order by event_date, quad_class
