-- The file ledger: one row per path ever matched, with the stat and hash it had when last
-- processed. A file is processed again only when its size or mtime change (or status is retry).
create table files (
    path varchar not null,
    size_bytes bigint not null,
    mtime_ns bigint not null,
    sha256 varchar,                       -- null when the bytes could not be read
    status varchar not null,              -- ingested | duplicate | quarantined | retry
    error varchar,                        -- quarantine reason code, for quarantined / retry
    encoding varchar,                     -- utf-8, utf-8-sig, utf-16-le, cp1252, ...
    doc_id varchar,                       -- the document this file's body became
    first_seen_at timestamp with time zone not null,
    processed_at timestamp with time zone not null,
    run_id varchar not null
);
