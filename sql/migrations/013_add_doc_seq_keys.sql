-- Flat per-batch cost: the tables a batch's refreshes read carry the integer ingest order of
-- their document (doc_seq) and of its story (cluster_seq, the smallest doc_seq of the story's
-- members), so finding a batch's documents and stories is a semi-join on integers that grow
-- with insertion, which DuckDB prunes by zone maps, instead of a hash join over every doc_id
-- or cluster_id. The event refresh queue names the documents of a changed story directly.

alter table document_sources add column doc_seq bigint;
update document_sources set doc_seq = d.doc_seq
from documents as d
where d.doc_id = document_sources.doc_id;

alter table event_mentions add column doc_seq bigint;
update event_mentions set doc_seq = d.doc_seq
from documents as d
where d.doc_id = event_mentions.doc_id;

alter table coded_documents add column doc_seq bigint;
update coded_documents set doc_seq = d.doc_seq
from documents as d
where d.doc_id = coded_documents.doc_id;

alter table document_clusters add column cluster_seq bigint;
update document_clusters set cluster_seq = s.cluster_seq
from (
    select cluster_id, min(doc_seq) as cluster_seq from document_clusters group by cluster_id
) as s
where s.cluster_id = document_clusters.cluster_id;

-- A queued story change now lists the story's documents (doc_seq); rows queued before this
-- migration name the story only, so they are expanded to its documents here.
alter table event_refresh_queue add column doc_seq bigint;
insert into event_refresh_queue (seq, cluster_id, doc_seq)
select q.seq, q.cluster_id, c.doc_seq
from event_refresh_queue as q
join document_clusters as c on c.cluster_id = q.cluster_id
where q.cluster_id is not null;
delete from event_refresh_queue where cluster_id is not null and doc_seq is null;
