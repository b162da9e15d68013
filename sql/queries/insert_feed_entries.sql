insert into feed_entries by name
select
    b.feed_url, b.guid, b.canonical_url, b.entry_url, b.title, b.published_at, b.body_source,
    b.fetch_reason, b.doc_id, b.lang_hint,
    current_timestamp as first_seen_at,
    $run_id as run_id
from batch_feed_entries as b
where not exists (
    select 1 from feed_entries as e where e.feed_url = b.feed_url and e.guid = b.guid
)
order by b.seq
