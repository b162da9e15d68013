-- One row per distinct normalised body (doc_id = hash of the body). Reprints with identical
-- bodies share a row; every file that produced it is in `files` (files.doc_id).
create table documents (
    doc_id varchar not null,
    source_path varchar not null,         -- first file seen with this body
    title varchar,
    byline varchar,
    outlet varchar,                       -- from a metadata header, when present
    url varchar,
    published_date date,                  -- from a metadata header, when present
    dateline_place varchar,
    dateline_month tinyint,
    dateline_day tinyint,
    dateline_agency varchar,
    dateline_raw varchar,
    lang varchar not null,                -- ISO 639-1, or und
    lang_prob double not null,
    n_chars integer not null,
    body varchar not null,
    normaliser_version varchar not null,
    ingested_at timestamp with time zone not null,
    run_id varchar not null
);
