-- Inside a transaction of the lock connection: wait for, then hold until that transaction
-- ends, the advisory lock every writer of this catalog takes around each write transaction.
-- DuckLake enforces no unique keys, so "insert what is not stored yet" and "number above the
-- highest" hold only one writer at a time; a worker that dies loses its session, and the lock
-- with it. {timeout_ms}: how long to wait (0: as long as it takes), filled in by the store.
-- (The key spells "wirewatc" in ASCII.)
call postgres_execute('lake_lock', 'set local lock_timeout = {timeout_ms}');
call postgres_execute('lake_lock', 'select pg_advisory_xact_lock(8604534343188182115)');
