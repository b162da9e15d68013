-- The DuckLake tables for reading only (views, `wirewatch sql`); see attach.sql.
attach {catalog} as lake (data_path {data_path}, read_only);
use lake;
