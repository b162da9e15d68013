-- Synthetic event data for bench/views.py: $n_events events over 365 days among 40 actors
-- (NATO and 39 states), $n_mentions mentions spread over $n_docs documents, one story cluster
-- per 4 documents, one coder version. Deterministic (hash-based), no randomness.
insert into documents by name
select
    'doc' || i as doc_id, i as doc_seq, '/bench/' || i || '.txt' as source_path,
    'headline ' || i as title, case when i % 3 = 0 then 'Outlet ' || (i % 17) end as outlet,
    'https://example.org/' || i as url, 'en' as lang, 0.99 as lang_prob, 3000 as n_chars,
    'body' as body, 'bench' as normaliser_version, timestamptz '2026-01-01 00:00:00+00' as ingested_at,
    'bench' as run_id
from range($n_docs) as t(i);

insert into document_sources by name
select doc_id, doc_seq, source_path as source, outlet, ingested_at as seen_at, run_id from documents;

insert into document_clusters by name
select doc_id, doc_seq, 'doc' || (doc_seq - doc_seq % 4) as cluster_id, 1.0 as similarity,
    'near' as method, doc_seq % 4 = 0 as is_canonical, doc_seq - doc_seq % 4 as cluster_seq
from documents;

insert into story_clusters by name
select cluster_id, cluster_id as canonical_doc_id, timestamptz '2026-01-01 00:00:00+00' as first_seen_at,
    timestamptz '2026-01-01 06:00:00+00' as last_seen_at, count(*) as n_docs, count(*) as n_sources
from document_clusters group by cluster_id;

insert into coded_documents by name
select 'bench-1' as coder_version, doc_id, doc_seq, 10 as n_sentences, 2 as n_mentions, -1.0 as doc_tone,
    timestamptz '2026-01-02 00:00:00+00' as coded_at, 'bench' as run_id
from documents;

create temp table bench_actors as
select
    i as actor_index,
    case when i = 0 then 'NATO' else ['TUR','USA','RUS','GRC','DEU','FRA','GBR','CHN','IRN','ISR',
        'SYR','IRQ','UKR','POL','ITA','ESP','EGY','SAU','QAT','ARE','JPN','KOR','IND','PAK','AFG',
        'BRA','MEX','CAN','AUS','ZAF','NGA','ETH','KEN','LBY','TUN','DZA','MAR','JOR','LBN'][i] end as code
from range(40) as t(i);

create temp table bench_codes as
select *, row_number() over (order by event_code) - 1 as code_index from (values
    ('010', '010', '01', 1, 0.0), ('036', '036', '03', 1, 4.0), ('042', '042', '04', 1, 1.9),
    ('0251', '025', '02', 1, 3.0), ('057', '057', '05', 1, 8.0), ('071', '071', '07', 2, 7.4),
    ('111', '111', '11', 3, -2.0), ('1312', '131', '13', 3, -5.8), ('141', '141', '14', 4, -6.5),
    ('163', '163', '16', 4, -8.0), ('173', '173', '17', 4, -5.0), ('190', '190', '19', 4, -10.0)
) as v(event_code, event_base_code, event_root_code, quad_class, goldstein);

insert into events by name
select
    'bench-1' as coder_version,
    'ev' || i as event_id,
    i as global_event_id,
    case when i % 50 = 0 then null else date '2025-01-01' + (hash(i, 1) % 365)::integer end as event_date,
    case when i % 50 = 0 then 'unknown' else 'day' end as event_date_precision,
    a1.code || 'GOV' as actor1_code, a1.code as actor1_name,
    case when a1.code <> 'NATO' then a1.code end as actor1_country,
    case when a1.code = 'NATO' then 'NATO' end as actor1_known_group, 'GOV' as actor1_role,
    a2.code as actor2_code, a2.code as actor2_name,
    case when a2.code <> 'NATO' then a2.code end as actor2_country,
    case when a2.code = 'NATO' then 'NATO' end as actor2_known_group, null as actor2_role,
    c.event_code, c.event_base_code, c.event_root_code, c.quad_class, c.goldstein,
    null as plover_type,
    'Ankara, Turkey' as location_name, 'TUR' as location_country, 'TU' as location_fips,
    39.93 as location_lat, 32.86 as location_lon, '323786' as location_feature_id, 4 as location_type,
    i % 3 = 0 as is_root_event, 2 as num_mentions, 2 as num_sources, 2 as num_articles,
    -1.0 as avg_tone, 'doc' || (i % $n_docs) as first_doc_id,
    'https://example.org/' || (i % $n_docs) as source_url,
    timestamptz '2026-01-02 00:00:00+00' as date_added
from range($n_events) as t(i)
join bench_actors as a1 on a1.actor_index = hash(i * 7 + 1) % 40
join bench_actors as a2 on a2.actor_index = hash(i * 13 + 5) % 40
join bench_codes as c on c.code_index = hash(i, 4) % 12;

insert into event_mentions by name
select
    e.coder_version, e.event_id, 'doc' || (m.j % $n_docs) as doc_id, m.j % $n_docs as doc_seq,
    (m.j % 10)::integer as sentence_index, 0 as sentence_start, 100 as sentence_end,
    0 as evidence_start, 60 as evidence_end,
    e.actor1_code, e.actor1_name, e.actor1_country, e.actor1_known_group, e.actor1_role,
    0 as actor1_start, 5 as actor1_end,
    e.actor2_code, e.actor2_name, e.actor2_country, e.actor2_known_group, e.actor2_role,
    20 as actor2_start, 25 as actor2_end,
    e.event_code, e.event_base_code, e.event_root_code, e.quad_class, e.goldstein, e.plover_type,
    10 as action_start, 18 as action_end, e.event_date, e.event_date_precision,
    e.location_name, e.location_country, e.location_fips, e.location_lat, e.location_lon,
    e.location_feature_id, e.location_type, 'sentence' as location_source, -1.0 as sentence_tone,
    0.8 as confidence, true as in_raw_text, m.j % 10 = 0 as is_lead,
    timestamptz '2026-01-02 00:00:00+00' as coded_at, 'bench' as run_id
from range($n_mentions) as m(j)
join events as e on e.global_event_id = m.j % $n_events;
