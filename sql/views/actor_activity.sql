-- actor_activity: what one actor (primary code) did and had done to it, day by day; group by
-- event_month for a monthly series.
-- Grain: (actor_primary_code, event_date). Inputs: stg_events.
-- An event counts once per actor even when the actor is on both sides (TURGOV vs TUROPP).
create or replace view actor_activity as
with events_source as (
    select * from stg_events
),

participations as (
    select event_id, actor1_primary_code as actor_primary_code, 1 as side
    from events_source
    where actor1_primary_code is not null
    union all
    select event_id, actor2_primary_code as actor_primary_code, 2 as side
    from events_source
    where actor2_primary_code is not null
),

actor_events as (
    select
        p.actor_primary_code,
        p.event_id,
        bool_or(p.side = 1) as is_actor1,
        bool_or(p.side = 2) as is_actor2
    from participations as p
    group by p.actor_primary_code, p.event_id
),

by_day as (
    select
        a.actor_primary_code,
        e.event_date,
        date_trunc('month', e.event_date)::date as event_month,
        -- counts
        count(*) as n_events,
        count(*) filter (where a.is_actor1) as n_as_actor1,
        count(*) filter (where a.is_actor2) as n_as_actor2,
        count(*) filter (where e.quad_class in (1, 2)) as n_cooperation_events,
        count(*) filter (where e.quad_class in (3, 4)) as n_conflict_events,
        sum(e.num_mentions)::bigint as n_mentions,
        -- scores
        round(sum(e.goldstein), 4) as sum_goldstein,
        round(avg(e.goldstein), 4) as mean_goldstein
    from actor_events as a
    join events_source as e on e.event_id = a.event_id
    group by a.actor_primary_code, e.event_date
)

select * from by_day
order by actor_primary_code, event_date nulls last
