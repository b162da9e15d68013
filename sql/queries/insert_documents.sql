insert into documents by name
select
    doc_id, source_path, title, byline, outlet, url, published_date,
    dateline_place, dateline_month, dateline_day, dateline_agency, dateline_raw,
    lang, lang_prob, n_chars, body, normaliser_version,
    doc_seq,  -- numbered in scan order by stage_batch_documents.sql
    current_timestamp as ingested_at,
    $run_id as run_id
from staged_documents
where is_new
order by seq
