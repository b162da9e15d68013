-- Documents not yet given a signature and a cluster, oldest first; a document whose
-- signature could not be computed (quarantined at the dedup stage) is not tried again.
-- A body is read up to $max_chars characters: its shingles are made of that prefix only.
select d.doc_id, d.doc_seq, left(d.body, $max_chars) as body
from documents as d
where not exists (select 1 from document_signatures as s where s.doc_id = d.doc_id)
  and not exists (
      select 1 from quarantine as q where q.doc_id = d.doc_id and q.stage = 'dedup'
  )
order by d.doc_seq
limit $limit
