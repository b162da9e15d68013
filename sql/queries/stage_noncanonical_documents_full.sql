-- Every document this coder version coded or mentioned that is not the canonical copy of a
-- story (temp table `noncanonical_documents`), for a version that was never rebuilt.
create or replace temp table noncanonical_documents as
with coded as (
    select doc_seq from coded_documents where coder_version = $coder_version
    union
    select doc_seq from event_mentions where coder_version = $coder_version
)

select k.doc_seq
from coded as k
where not exists (
    select 1 from document_clusters as c where c.doc_seq = k.doc_seq and c.is_canonical
)
order by k.doc_seq
