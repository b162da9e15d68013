-- Reprint detection: every sighting of a document, MinHash signatures, LSH band keys, and the
-- story clusters that group reprints of one wire story.

-- Ingest order of documents: the tie-breaker that makes cluster ids independent of batching.
alter table documents add column doc_seq bigint;
update documents
set doc_seq = ordered.n
from (select rowid as row_id, row_number() over (order by rowid) as n from documents) as ordered
where documents.rowid = ordered.row_id;

-- One row per (document, source): every file path or URL that carried the body.
create table document_sources (
    doc_id varchar not null,
    source varchar not null,              -- file path, or URL for feed items
    outlet varchar,                       -- who ran it, when known (metadata header)
    seen_at timestamp with time zone not null,
    run_id varchar not null
);
insert into document_sources (doc_id, source, outlet, seen_at, run_id)
select f.doc_id, f.path, d.outlet, f.processed_at, f.run_id
from files as f
left join documents as d on d.doc_id = f.doc_id and d.source_path = f.path
where f.doc_id is not null;

-- One-permutation MinHash signature of each document's shingles (num_perm uint32, little endian).
create table document_signatures (
    doc_id varchar not null,
    doc_seq bigint not null,
    n_shingles integer not null,
    signature blob not null
);

-- LSH band keys: documents sharing keys are candidate reprints. doc_seq rather than doc_id
-- keeps the table to two integer columns: every batch's candidate join scans it.
create table lsh_bands (
    band_key bigint not null,
    doc_seq bigint not null
);

-- Which story each document belongs to; similarity is estimated Jaccard to the canonical,
-- the fullest copy (most shingles; ties to the earliest).
create table document_clusters (
    doc_id varchar not null,
    doc_seq bigint not null,              -- the document's ingest order (joins on integers)
    cluster_id varchar not null,          -- = doc_id of the cluster's earliest document
    similarity double not null,
    method varchar not null,              -- exact (same shingles as canonical) | near
    is_canonical boolean not null
);

create table story_clusters (
    cluster_id varchar not null,
    canonical_doc_id varchar not null,
    first_seen_at timestamp with time zone not null,
    last_seen_at timestamp with time zone not null,
    n_docs integer not null,              -- distinct bodies
    n_sources integer not null            -- distinct sources (files / URLs) over all bodies
);

-- The parameters every stored signature was made with; mixing parameters is refused.
create table dedup_params (
    shingle_words integer not null,
    num_perm integer not null,
    bands integer not null,
    max_bucket integer not null,
    seed bigint not null,
    hash_version integer not null,
    created_at timestamp with time zone not null
);

alter table runs add column n_documents_clustered bigint default 0;
alter table runs add column n_reprints bigint default 0;   -- joined a story begun by another doc
alter table runs add column seconds_dedup double default 0;
