-- Canonical documents of story clusters (one per story: reprints are never coded) in the
-- coder's languages that this coder version has not coded yet, oldest first ($newest_first:
-- newest first). Of a DuckLake store's workers ($shard_count > 1), each lists the documents
-- of its own shard.
select
    d.doc_id,
    left(d.body, $max_chars) as body,  -- the coder reads a prefix of a long body
    d.published_date,
    d.dateline_month,
    d.dateline_day,
    d.dateline_place,
    d.doc_seq  -- kept by the store for the batch's writes, not passed to the coder
from document_clusters as c
join documents as d on d.doc_id = c.doc_id
where c.is_canonical
  and list_contains($languages, d.lang)
  and ($shard_count = 1 or md5_number_upper(d.doc_id) % $shard_count = $shard_index)
  and not exists (
      select 1
      from coded_documents as k
      where k.coder_version = $coder_version and k.doc_id = d.doc_id
  )
order by case when $newest_first then -d.doc_seq else d.doc_seq end
limit $limit
