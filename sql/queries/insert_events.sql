-- One events row per distinct event (event_id) of one coder version, rebuilt from its
-- mentions, for the events in temp table `refresh_events` (stage_refresh_events.sql). Counts run over the story clusters of the mentioning documents: only canonical
-- copies are coded, and every reprint in their clusters adds an article and its sources, so a
-- reprint never creates an event. Attributes (actor names, place) come from the earliest
-- mention (lowest doc_seq, then sentence and offset), so the result does not depend on the
-- order mentions were written in. Documents, clusters, tones and sightings are looked up by
-- doc_seq and cluster_seq (semi-joins on integers that zone maps prune); only the touched
-- events' mentions are found by event_id.
insert into events by name
with
mentions as (
    select m.*
    from event_mentions as m
    where m.coder_version = $coder_version
      and m.event_id in (select event_id from refresh_events)
),

ranked as (
    select
        *,
        row_number() over (
            partition by event_id
            order by doc_seq, sentence_index, evidence_start, action_start, evidence_end
        ) as mention_rank
    from mentions
),

representative as (
    select * from ranked where mention_rank = 1
),

mention_totals as (
    select
        event_id,
        count(*) as num_mentions,
        bool_or(is_lead) as is_root_event,
        min(coded_at) as date_added
    from mentions
    group by event_id
),

event_documents as (
    select distinct event_id, doc_id, doc_seq from mentions
),

tones as (
    select k.doc_seq, k.doc_id, k.doc_tone
    from coded_documents as k
    where k.coder_version = $coder_version
      and k.doc_seq in (select doc_seq from event_documents)
),

event_tone as (
    -- ordered, so the float sum (and the stored value) is the same on every run
    select e.event_id, avg(k.doc_tone order by k.doc_id) as avg_tone
    from event_documents as e
    join tones as k on k.doc_seq = e.doc_seq
    group by e.event_id
),

own_clusters as (
    select c.doc_seq, c.cluster_seq
    from document_clusters as c
    where c.doc_seq in (select doc_seq from event_documents)
),

cluster_members as (
    select c.doc_seq, c.doc_id, c.cluster_seq
    from document_clusters as c
    where c.cluster_seq in (select cluster_seq from own_clusters)
),

event_members as (
    -- every document of every story cluster that mentions the event (the mentioning
    -- document itself when it has no cluster yet)
    select distinct
        e.event_id,
        coalesce(members.doc_seq, e.doc_seq) as doc_seq,
        coalesce(members.doc_id, e.doc_id) as doc_id
    from event_documents as e
    left join own_clusters as own on own.doc_seq = e.doc_seq
    left join cluster_members as members on members.cluster_seq = own.cluster_seq
),

sightings as (
    select s.doc_seq, s.source
    from document_sources as s
    where s.doc_seq in (select doc_seq from event_members)
),

event_reach as (
    select
        em.event_id,
        count(distinct em.doc_id) as num_articles,
        count(distinct s.source) as num_sources
    from event_members as em
    left join sightings as s on s.doc_seq = em.doc_seq
    group by em.event_id
),

representative_documents as (
    select d.doc_seq, d.url, d.source_path
    from documents as d
    where d.doc_seq in (select doc_seq from representative)
)

select
    -- ids
    r.coder_version,
    r.event_id,
    (md5_number_upper(r.event_id) >> 1)::bigint as global_event_id,
    -- when
    r.event_date,
    r.event_date_precision,
    -- who
    r.actor1_code, r.actor1_name, r.actor1_country, r.actor1_known_group, r.actor1_role,
    r.actor2_code, r.actor2_name, r.actor2_country, r.actor2_known_group, r.actor2_role,
    -- what
    r.event_code, r.event_base_code, r.event_root_code, r.quad_class, r.goldstein,
    r.plover_type,
    -- where
    r.location_name, r.location_country, r.location_fips, r.location_lat, r.location_lon,
    r.location_feature_id, r.location_type,
    -- how much
    t.is_root_event,
    t.num_mentions::integer as num_mentions,
    x.num_sources::integer as num_sources,
    x.num_articles::integer as num_articles,
    tone.avg_tone,
    -- provenance
    r.doc_id as first_doc_id,
    coalesce(d.url, d.source_path) as source_url,
    t.date_added
from representative as r
join mention_totals as t on t.event_id = r.event_id
join event_reach as x on x.event_id = r.event_id
left join event_tone as tone on tone.event_id = r.event_id
join representative_documents as d on d.doc_seq = r.doc_seq
order by r.event_id
