-- The parse tree of $sql_text as JSON (DuckDB's own parser; SELECT statements only), to find
-- the functions a statement calls before it runs.
select json_serialize_sql($sql_text);
