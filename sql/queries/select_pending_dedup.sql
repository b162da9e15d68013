-- Documents not yet given a signature and a cluster, oldest first.
select d.doc_id, d.doc_seq, d.body
from documents as d
where not exists (select 1 from document_signatures as s where s.doc_id = d.doc_id)
order by d.doc_seq
limit $limit
