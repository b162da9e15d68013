-- conflict_cooperation_dyad_daily: the conflict/cooperation index of each directed actor pair
-- (primary codes) each day: sum and mean Goldstein score of its events.
-- Grain: (event_date, actor1_primary_code, actor2_primary_code). Inputs: stg_events.
-- Events with only one actor have no dyad and are left out (see conflict_cooperation_daily).
create or replace view conflict_cooperation_dyad_daily as
with events_source as (
    select * from stg_events
),

paired as (
    select * from events_source
    where actor1_primary_code is not null and actor2_primary_code is not null
),

by_dyad_day as (
    select
        event_date,
        actor1_primary_code,
        actor2_primary_code,
        -- counts
        count(*) as n_events,
        count(*) filter (where quad_class in (1, 2)) as n_cooperation_events,
        count(*) filter (where quad_class in (3, 4)) as n_conflict_events,
        sum(num_mentions)::bigint as n_mentions,
        -- scores
        round(sum(goldstein), 4) as sum_goldstein,
        round(avg(goldstein), 4) as mean_goldstein
    from paired
    group by event_date, actor1_primary_code, actor2_primary_code
)

select * from by_dyad_day
order by event_date nulls last, n_events desc, actor1_primary_code, actor2_primary_code
