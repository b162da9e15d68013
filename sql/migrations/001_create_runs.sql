-- One row per flow run: who ran, when, how it ended, and what it did.
create table runs (
    run_id varchar not null,              -- Prefect flow-run id (or a uuid outside Prefect)
    flow_name varchar not null,
    root varchar,                         -- folder the run scanned
    parameters json,                      -- settings the run used
    status varchar not null,              -- running | completed | failed | abandoned
    started_at timestamp with time zone not null,
    ended_at timestamp with time zone,
    error varchar,                        -- why a failed run failed
    n_files_matched bigint not null default 0,
    n_files_unchanged bigint not null default 0,
    n_files_deferred bigint not null default 0,  -- still being written: left for the next run
    n_documents_new bigint not null default 0,
    n_documents_duplicate bigint not null default 0,
    n_quarantined bigint not null default 0,
    n_batches bigint not null default 0,
    bytes_read bigint not null default 0,
    seconds_scan double not null default 0,
    seconds_read double not null default 0,
    seconds_normalise double not null default 0,
    seconds_lang double not null default 0,
    seconds_store double not null default 0
);
