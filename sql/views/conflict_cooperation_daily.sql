-- conflict_cooperation_daily: the daily conflict/cooperation index: sum and mean Goldstein
-- score (-10 conflict .. +10 cooperation) of the day's events, plain and weighted by mentions.
-- Grain: event_date (null: events with no resolvable date). Inputs: stg_events.
create or replace view conflict_cooperation_daily as
with events_source as (
    select * from stg_events
),

by_day as (
    select
        event_date,
        -- counts
        count(*) as n_events,
        count(*) filter (where quad_class in (1, 2)) as n_cooperation_events,
        count(*) filter (where quad_class in (3, 4)) as n_conflict_events,
        sum(num_mentions)::bigint as n_mentions,
        -- scores
        round(sum(goldstein), 4) as sum_goldstein,
        round(avg(goldstein), 4) as mean_goldstein,
        round(sum(goldstein * num_mentions) / nullif(sum(num_mentions), 0), 4)
            as mean_goldstein_by_mentions
    from events_source
    group by event_date
)

select * from by_day
order by event_date nulls last
