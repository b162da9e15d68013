-- Seconds the run spent publishing read snapshots (CHECKPOINT and copy of the database to
-- `<db stem>.snapshot.duckdb` for readers while it writes): the cost of letting readers in,
-- bounded by `[store] snapshot_cost_factor`.
alter table runs add column seconds_snapshot double default 0;
