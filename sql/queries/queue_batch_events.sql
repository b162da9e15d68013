-- Events gaining or losing mentions when a coded batch replaces this version's rows for its
-- documents (registered `batch_doc_seqs`, `batch_mentions`): the old rows' events and the new
-- rows' events. Runs before the batch's deletes.
insert into event_refresh_queue (seq, coder_version, event_id)
select distinct $seq as seq, $coder_version, event_id
from (
    select event_id
    from event_mentions
    where coder_version = $coder_version
      and doc_seq in (select doc_seq from batch_doc_seqs)
    union all
    select event_id from batch_mentions
)
order by event_id
