insert into event_mentions by name
select m.*, s.doc_seq
from batch_mentions as m
join batch_doc_seqs as s on s.doc_id = m.doc_id
order by m.doc_id, m.sentence_index, m.evidence_start, m.action_start, m.event_code
