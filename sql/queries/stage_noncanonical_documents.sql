-- Documents that may have stopped being the canonical copy of their story since this coder
-- version's events were last rebuilt (temp table `noncanonical_documents`): a document
-- loses that status only when its story changes, and every changed story's documents are
-- queued (queue_touched_clusters.sql) after the version's watermark until its next rebuild.
-- Only those are checked, by doc_seq, instead of every mention ever coded.
-- stage_noncanonical_documents_full.sql checks every coded document (no watermark yet).
create or replace temp table noncanonical_documents as
with candidates as (
    select distinct doc_seq
    from event_refresh_queue
    where doc_seq is not null and seq > $after
),

canonical as (
    select c.doc_seq
    from document_clusters as c
    where c.is_canonical and c.doc_seq in (select doc_seq from candidates)
)

select doc_seq
from candidates
where doc_seq not in (select doc_seq from canonical)
order by doc_seq
