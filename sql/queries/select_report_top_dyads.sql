-- Report: the $top directed actor pairs with most events dated on or after $since (or all).
select
    actor1_primary_code,
    actor2_primary_code,
    sum(n_events)::bigint as n_events,
    sum(n_cooperation_events)::bigint as n_cooperation_events,
    sum(n_conflict_events)::bigint as n_conflict_events,
    round(sum(sum_goldstein) / sum(n_events), 2) as mean_goldstein,
    min(event_date) as first_event_date,
    max(event_date) as last_event_date
from conflict_cooperation_dyad_daily
where $since is null or event_date >= $since
group by actor1_primary_code, actor2_primary_code
order by n_events desc, actor1_primary_code, actor2_primary_code
limit $top
