-- DuckLake workers share event_refresh_queue. Two marks let each of them rebuild and check
-- only what changed, as the single file does (ARCHITECTURE, "Many machines"):
-- Per coder version, the highest queue seq the non-canonical check has looked at: a story
-- change is checked by the first coded write after it, whichever worker makes it and
-- whatever rebuild ran in between. (The single file checks from the rebuild's watermark.)
create table noncanonical_check_state (
    coder_version varchar not null,
    checked_through bigint not null
);

-- Per running lake run, the highest queue seq when it started: it may still write mentions
-- of documents it read as canonical after that, so the rows after it stay queued until the
-- run ends (finish_run) or is abandoned.
create table event_refresh_holds (
    run_id varchar not null,
    held_after bigint not null
);
