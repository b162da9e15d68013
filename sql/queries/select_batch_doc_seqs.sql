-- doc_seq of documents a coded batch names that the store did not hand out itself
-- (registered `unknown_doc_ids`).
select doc_id, doc_seq
from documents
where doc_id in (select doc_id from unknown_doc_ids)
