-- Load one DuckDB extension from its installed file ({extension}: the path as an SQL literal);
-- nothing is downloaded (wirewatch/store/lake.py).
load {extension};
