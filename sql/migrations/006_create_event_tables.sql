-- Event coding: one row per coded sentence (event_mentions) and one per distinct event
-- (events), per coder version so a newer coder can replace its own rows without touching others.
-- Codes are strings (CAMEO '0251' keeps its leading zero); offsets index documents.body.

-- Which documents a coder version has coded, including those that yielded no event, so an
-- incremental run codes only what is new and a rerun after a crash codes nothing twice.
create table coded_documents (
    coder_version varchar not null,
    doc_id varchar not null,
    n_sentences integer not null,
    n_mentions integer not null,
    doc_tone double,                      -- document tone, -100..+100 (GDELT's scale)
    coded_at timestamp with time zone not null,
    run_id varchar not null
);

create table event_mentions (
    coder_version varchar not null,
    event_id varchar not null,            -- the distinct event this mention belongs to (events.event_id)
    doc_id varchar not null,
    sentence_index integer not null,      -- 0-based sentence of the body
    sentence_start integer not null,      -- char offsets of the sentence in documents.body [start, end)
    sentence_end integer not null,
    evidence_start integer not null,      -- char offsets of the evidence span (verb phrase and actors)
    evidence_end integer not null,
    actor1_code varchar,                  -- CAMEO actor code, e.g. TURGOV, NATO
    actor1_name varchar,
    actor1_country varchar,               -- ISO 3166 alpha-3
    actor1_known_group varchar,           -- IGO / NGO / group code (NATO, UNO, EUR)
    actor1_role varchar,                  -- GOV, MIL, BUS, MED, ...
    actor1_start integer,                 -- char offsets of the actor's mention in the body
    actor1_end integer,
    actor2_code varchar,
    actor2_name varchar,
    actor2_country varchar,
    actor2_known_group varchar,
    actor2_role varchar,
    actor2_start integer,
    actor2_end integer,
    event_code varchar not null,          -- full CAMEO code, e.g. '0251'
    event_base_code varchar not null,     -- level-2 parent, e.g. '025'
    event_root_code varchar not null,     -- root, e.g. '02'
    quad_class tinyint not null,          -- 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    goldstein double not null,
    plover_type varchar,                  -- PLOVER event type via the CAMEO-PLOVER crosswalk
    action_start integer not null,        -- char offsets of the verb phrase in the body
    action_end integer not null,
    event_date date,                      -- resolved date (first day of the month / year for coarser precision)
    event_date_precision varchar not null,  -- day | month | year | unknown
    location_name varchar,
    location_country varchar,             -- ISO 3166 alpha-3
    location_fips varchar,                -- FIPS 10-4 country code (GDELT's geo country)
    location_lat double,
    location_lon double,
    location_feature_id varchar,          -- gazetteer id (GeoNames)
    location_type tinyint,                -- GDELT geo type: 1 country, 4 world city, ...
    location_source varchar,              -- sentence | dateline | none
    sentence_tone double,                 -- -100..+100
    confidence double not null,           -- 0..1: how much inference the coding needed
    in_raw_text boolean not null,         -- false when an actor came from coreference
    is_lead boolean not null,             -- sentence is in the lead paragraph
    coded_at timestamp with time zone not null,
    run_id varchar not null
);

-- One row per distinct event: same coder version, date, dyad, code and place. Counts run over
-- story clusters, so a reprint adds sources and articles but never a new event.
create table events (
    coder_version varchar not null,
    event_id varchar not null,            -- stable hash of (date, precision, dyad, code, place)
    global_event_id bigint not null,      -- numeric id for GDELT-shaped exports
    event_date date,
    event_date_precision varchar not null,
    actor1_code varchar,
    actor1_name varchar,
    actor1_country varchar,
    actor1_known_group varchar,
    actor1_role varchar,
    actor2_code varchar,
    actor2_name varchar,
    actor2_country varchar,
    actor2_known_group varchar,
    actor2_role varchar,
    event_code varchar not null,
    event_base_code varchar not null,
    event_root_code varchar not null,
    quad_class tinyint not null,
    goldstein double not null,
    plover_type varchar,
    location_name varchar,
    location_country varchar,
    location_fips varchar,
    location_lat double,
    location_lon double,
    location_feature_id varchar,
    location_type tinyint,
    is_root_event boolean not null,       -- seen in a lead paragraph
    num_mentions integer not null,        -- mentions in coded documents
    num_sources integer not null,         -- distinct sources (files / URLs) over the story clusters
    num_articles integer not null,        -- distinct bodies over the story clusters
    avg_tone double,                      -- mean document tone of the mentioning documents
    first_doc_id varchar not null,
    source_url varchar,                   -- URL or path of the earliest source
    date_added timestamp with time zone not null
);

alter table runs add column n_documents_coded bigint default 0;
alter table runs add column n_event_mentions bigint default 0;
alter table runs add column seconds_coding double default 0;
