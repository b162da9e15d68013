-- Incremental events: what changed since each coder version's events were last rebuilt, so a
-- run re-aggregates only the events it touched instead of every mention ever coded.
-- Rows are written in the same transaction as the change they record; a rebuild consumes the
-- rows after its version's watermark in one transaction with the new events rows.
-- No sequence (DuckLake has none): each insert takes one number above every queued row and
-- every watermark, so a number is never reused after pruning.

create table event_refresh_queue (
    seq bigint not null,                  -- grows with every insert; shared by one insert's rows
    coder_version varchar,                -- null: the change concerns every coder version
    cluster_id varchar,                   -- a story cluster whose members or sources changed
    event_id varchar                      -- an event that gained or lost mentions
);

-- Each coder version's watermark: the highest queue seq its events rows already reflect.
-- A version without a row has never been rebuilt, so its first rebuild is a full one.
create table event_refresh_state (
    coder_version varchar not null,
    refreshed_through bigint not null
);
