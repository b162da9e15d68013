-- Every event mention of one coder version with what a judge needs: the sentence's offsets into
-- the body, the CAMEO code, both actors, the resolved date and the file the document came from.
-- Parameter: $coder_version.
select
    m.doc_id,
    d.source_path,
    d.body,
    d.published_date,
    m.sentence_start,
    m.sentence_end,
    m.evidence_start,
    m.event_code,
    m.event_root_code,
    m.actor1_code,
    m.actor1_name,
    m.actor2_code,
    m.actor2_name,
    m.event_date,
    m.event_date_precision
from event_mentions as m
join documents as d on d.doc_id = m.doc_id
where m.coder_version = $coder_version
order by d.source_path, m.sentence_start, m.evidence_start, m.event_code,
    m.actor1_code nulls first, m.actor2_code nulls first
