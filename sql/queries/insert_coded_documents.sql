insert into coded_documents by name
select k.* exclude (coding_error_detail), s.doc_seq
from batch_coded_documents as k
join batch_doc_seqs as s on s.doc_id = k.doc_id
order by k.doc_id
