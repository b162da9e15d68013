-- Inputs that could not become documents, and why. One row per (path, reason, content hash):
-- the same bad file seen again adds nothing.
create table quarantine (
    path varchar not null,
    reason varchar not null,              -- stable code: empty_file, binary, too_large, ...
    detail varchar not null,
    size_bytes bigint,
    mtime_ns bigint,
    sha256 varchar,
    first_seen_at timestamp with time zone not null,
    run_id varchar not null
);
