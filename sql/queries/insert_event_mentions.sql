insert into event_mentions by name
select * from batch_mentions
order by doc_id, sentence_index, evidence_start, action_start, event_code
