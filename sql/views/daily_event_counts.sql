-- daily_event_counts: how many events happened each day, by CAMEO root code and QuadClass
-- (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict).
-- Grain: (event_date, event_root_code, quad_class). Inputs: stg_events.
-- Events dated only to a month or a year sit on its first day (n_events_coarse_date counts
-- them); events with no resolvable date have event_date null.
create or replace view daily_event_counts as
with events_source as (
    select * from stg_events
),

counted as (
    select
        event_date,
        event_root_code,
        quad_class,
        -- counts
        count(*) as n_events,
        count(*) filter (where is_root_event) as n_root_events,
        count(*) filter (where event_date_precision in ('month', 'year')) as n_events_coarse_date,
        sum(num_mentions)::bigint as n_mentions,
        sum(num_sources)::bigint as n_sources,
        sum(num_articles)::bigint as n_articles,
        -- scores
        round(sum(goldstein), 4) as sum_goldstein,
        round(avg(goldstein), 4) as mean_goldstein
    from events_source
    group by event_date, event_root_code, quad_class
)

select * from counted
order by event_date nulls last, event_root_code, quad_class
