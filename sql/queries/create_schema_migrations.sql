-- Bookkeeping of applied migrations and of the views created from sql/views/.
create table if not exists schema_migrations (
    version integer not null,
    name varchar not null,
    checksum varchar not null,
    applied_at timestamp with time zone not null default current_timestamp
);
create table if not exists schema_views (
    name varchar not null,
    checksum varchar not null,
    created_at timestamp with time zone not null default current_timestamp
);
