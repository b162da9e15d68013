-- A document is new when no earlier batch stored its body and it is the first file with that
-- body in this batch (scan order), so reruns pick the same source_path as a clean run.
create or replace temp table staged_documents as
select
    d.*,
    row_number() over (partition by d.doc_id order by d.seq) = 1
        and not exists (select 1 from documents as x where x.doc_id = d.doc_id) as is_new
from batch_documents as d
