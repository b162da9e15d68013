-- The catalog database once more, as a plain PostgreSQL database: its connection takes the
-- write lock (take_write_lock.sql). {catalog} is the libpq connection string as an SQL literal.
attach {catalog} as lake_lock (type postgres);
