-- dyads: who did what to whom: each directed actor pair (primary codes, e.g. TUR -> USA) with
-- its event counts by QuadClass, mean Goldstein score and first and last event date.
-- Grain: (actor1_primary_code, actor2_primary_code). Inputs: stg_events.
-- Events with only one actor have no dyad; actor_activity counts them.
create or replace view dyads as
with events_source as (
    select * from stg_events
),

paired as (
    select * from events_source
    where actor1_primary_code is not null and actor2_primary_code is not null
),

by_dyad as (
    select
        actor1_primary_code,
        actor2_primary_code,
        -- counts
        count(*) as n_events,
        count(*) filter (where quad_class = 1) as n_verbal_cooperation,
        count(*) filter (where quad_class = 2) as n_material_cooperation,
        count(*) filter (where quad_class = 3) as n_verbal_conflict,
        count(*) filter (where quad_class = 4) as n_material_conflict,
        count(*) filter (where event_date is null) as n_events_undated,
        sum(num_mentions)::bigint as n_mentions,
        sum(num_articles)::bigint as n_articles,
        -- scores
        round(sum(goldstein), 4) as sum_goldstein,
        round(avg(goldstein), 4) as mean_goldstein,
        -- dates
        min(event_date) as first_event_date,
        max(event_date) as last_event_date
    from paired
    group by actor1_primary_code, actor2_primary_code
)

select * from by_dyad
order by n_events desc, actor1_primary_code, actor2_primary_code
