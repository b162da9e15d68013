-- The DuckLake tables: catalog in PostgreSQL, Parquet files under the shared data path.
-- {catalog} and {data_path} are SQL literals the store fills in (ATTACH takes no parameters).
-- Every unqualified table name in sql/ then means the lake's table.
attach {catalog} as lake (data_path {data_path});
use lake;
