-- events_gdelt: the current coder's events in the GDELT 2.0 event table layout: its 61 columns,
-- in GDELT's order, with GDELT's names and types, so GDELT tooling reads them unchanged.
-- Grain: event (GLOBALEVENTID). Inputs: stg_events.
-- Choices where our data differs from GDELT's:
-- - Events with no resolvable date (event_date_precision 'unknown') are left out: GDELT has
--   no way to say "undated", and an ingest-day date would misplace them in time series. Count
--   them with `select count(*) from stg_events where event_date is null`; export reports it.
-- - Events dated to a month or a year have SQLDATE on its first day.
-- - FractionDate = Year + ((month - 1) * 30 + day) / 365, rounded to 4 places, as in GDELT's
--   files (20150218 -> 2015.1315).
-- - Actor names are upper case as in GDELT; Type1Code is the actor's role; ethnic, religion,
--   Type2 and Type3 codes are empty (the coder does not assign them).
-- - One place per event, found near the action: it fills ActionGeo_*. Actor1Geo_* and
--   Actor2Geo_* are empty with Type 0, GDELT's value for "no place". A country-level place
--   (type 1) gets its FIPS code as ADM1Code, as GDELT does; ADM2Code is always empty.
-- - IsRootEvent is 1 when a mention was in a lead paragraph; Num* count over story clusters.
-- - DATEADDED is when the event was first added, in UTC, as YYYYMMDDHHMMSS.
-- - Tabs and line breaks in free text become spaces, so the tab-separated export stays aligned.
create or replace view events_gdelt as
with events_source as (
    select * from stg_events
),

dated as (
    select * from events_source
    where event_date is not null
),

gdelt as (
    select
        global_event_id::bigint as "GLOBALEVENTID",
        strftime(event_date, '%Y%m%d')::integer as "SQLDATE",
        strftime(event_date, '%Y%m')::integer as "MonthYear",
        year(event_date)::integer as "Year",
        round(
            year(event_date) + ((month(event_date) - 1) * 30 + day(event_date)) / 365, 4
        )::double as "FractionDate",
        actor1_code::varchar as "Actor1Code",
        upper(regexp_replace(actor1_name, '[\t\r\n]+', ' ', 'g'))::varchar as "Actor1Name",
        actor1_country::varchar as "Actor1CountryCode",
        actor1_known_group::varchar as "Actor1KnownGroupCode",
        null::varchar as "Actor1EthnicCode",
        null::varchar as "Actor1Religion1Code",
        null::varchar as "Actor1Religion2Code",
        actor1_role::varchar as "Actor1Type1Code",
        null::varchar as "Actor1Type2Code",
        null::varchar as "Actor1Type3Code",
        actor2_code::varchar as "Actor2Code",
        upper(regexp_replace(actor2_name, '[\t\r\n]+', ' ', 'g'))::varchar as "Actor2Name",
        actor2_country::varchar as "Actor2CountryCode",
        actor2_known_group::varchar as "Actor2KnownGroupCode",
        null::varchar as "Actor2EthnicCode",
        null::varchar as "Actor2Religion1Code",
        null::varchar as "Actor2Religion2Code",
        actor2_role::varchar as "Actor2Type1Code",
        null::varchar as "Actor2Type2Code",
        null::varchar as "Actor2Type3Code",
        is_root_event::integer as "IsRootEvent",
        event_code::varchar as "EventCode",
        event_base_code::varchar as "EventBaseCode",
        event_root_code::varchar as "EventRootCode",
        quad_class::integer as "QuadClass",
        goldstein::double as "GoldsteinScale",
        num_mentions::integer as "NumMentions",
        num_sources::integer as "NumSources",
        num_articles::integer as "NumArticles",
        avg_tone::double as "AvgTone",
        0::integer as "Actor1Geo_Type",
        null::varchar as "Actor1Geo_Fullname",
        null::varchar as "Actor1Geo_CountryCode",
        null::varchar as "Actor1Geo_ADM1Code",
        null::varchar as "Actor1Geo_ADM2Code",
        null::double as "Actor1Geo_Lat",
        null::double as "Actor1Geo_Long",
        null::varchar as "Actor1Geo_FeatureID",
        0::integer as "Actor2Geo_Type",
        null::varchar as "Actor2Geo_Fullname",
        null::varchar as "Actor2Geo_CountryCode",
        null::varchar as "Actor2Geo_ADM1Code",
        null::varchar as "Actor2Geo_ADM2Code",
        null::double as "Actor2Geo_Lat",
        null::double as "Actor2Geo_Long",
        null::varchar as "Actor2Geo_FeatureID",
        coalesce(location_type, 0)::integer as "ActionGeo_Type",
        regexp_replace(location_name, '[\t\r\n]+', ' ', 'g')::varchar as "ActionGeo_Fullname",
        location_fips::varchar as "ActionGeo_CountryCode",
        case when location_type = 1 then location_fips end::varchar as "ActionGeo_ADM1Code",
        null::varchar as "ActionGeo_ADM2Code",
        location_lat::double as "ActionGeo_Lat",
        location_lon::double as "ActionGeo_Long",
        location_feature_id::varchar as "ActionGeo_FeatureID",
        strftime(timezone('UTC', date_added), '%Y%m%d%H%M%S')::bigint as "DATEADDED",
        regexp_replace(source_url, '[\t\r\n]+', ' ', 'g')::varchar as "SOURCEURL"
    from dated
)

select * from gdelt
order by "DATEADDED", "GLOBALEVENTID"
