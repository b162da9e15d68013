-- A lake reader for SQL a user types (`wirewatch sql`, `status`, `report`): files only under
-- the lake's data path ({data_path}: an SQL list of the one folder), no extension installed or
-- loaded from now on, and the settings locked so no statement can undo this. The catalog's
-- PostgreSQL connection is already open (read-only transactions) and keeps working.
set allowed_directories = {data_path};
set enable_external_access = false;
set lock_configuration = true;
