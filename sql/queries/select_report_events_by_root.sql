-- Report: events by CAMEO root code and QuadClass, most frequent first, for events dated on
-- or after $since (or all, undated included, when $since is null).
select
    event_root_code,
    quad_class,
    sum(n_events)::bigint as n_events,
    sum(n_mentions)::bigint as n_mentions,
    round(sum(sum_goldstein) / sum(n_events), 2) as mean_goldstein
from daily_event_counts
where $since is null or event_date >= $since
group by event_root_code, quad_class
order by n_events desc, event_root_code, quad_class
